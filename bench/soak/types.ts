/** Types of the soak test (`npm run soak`). */

/** A fault the soak injects into its own traffic, so that its checks can be seen to fail. */
export interface InjectedFault {
  /** `drop`: an event is counted in the truth but never put; `double`: an event is put again as a distinct record (a new `event_id`) the truth does not know. */
  readonly kind: 'drop' | 'double';
  /** Every how many events (the 1st, the `every + 1`th, ...). */
  readonly every: number;
}

/** Options of {@link runSoak}. */
export interface SoakOptions {
  /** How long traffic is sent, in minutes. */
  readonly minutes: number;
  /** Mean events per second of the generated traffic. */
  readonly rate: number;
  /** The generator's seed. @default 1 */
  readonly seed: number;
  /** The stack's data dir, emptied at the start (`--fresh`) and kept; undefined for a temporary one, removed at the end. */
  readonly dataDir: string | undefined;
  /** Print the result as JSON instead of a table. @default false */
  readonly json: boolean;
  /** How long the consumers may take to drain after the last put, in seconds. @default 120 */
  readonly drainSeconds: number;
  /** The largest iterator age allowed in the last third of the sending, in seconds. @default 30 */
  readonly maxLagSeconds: number;
  /** A fault to inject into the traffic (the checker's own test). @default - none */
  readonly inject: InjectedFault | undefined;
}

/** One sample of the stack process's resident memory. */
export interface RssSample {
  /** Since the traffic began, in ms. */
  readonly atMs: number;
  /** 1 before the SIGKILL, 2 after. */
  readonly run: 1 | 2;
  readonly rssBytes: number;
}

/** One sample of the consumers' lag, from `GET /api/health`. */
export interface LagSample {
  readonly atMs: number;
  readonly run: 1 | 2;
  /** By consumer: the largest iterator age over its shards (Lambda's IteratorAge), in ms. */
  readonly iteratorAgeMs: Readonly<Record<string, number>>;
}

/** Records not yet processed by one consumer on one shard, counted from its checkpoint file. */
export interface ShardBacklog {
  readonly consumer: string;
  readonly shardId: string;
  /** The checkpointed sequence number, or undefined when the consumer never checkpointed this shard. */
  readonly checkpoint: string | undefined;
  /** Records after the checkpoint (at most the cap it was counted with). */
  readonly recordsBehind: number;
  /** Whether counting stopped at the cap (there may be more). */
  readonly capped: boolean;
}

/** One pass/fail line of the result. */
export interface SoakCheck {
  readonly name: string;
  readonly passed: boolean;
  /** What was found, in a sentence (the first mismatches when it failed). */
  readonly detail: string;
}

/** What {@link runSoak} prints. */
export interface SoakResult {
  readonly soak: {
    readonly minutes: number;
    readonly rate: number;
    readonly seed: number;
    readonly inject: InjectedFault | null;
  };
  readonly traffic: {
    /** Events put and acknowledged by Kinesis (each counted once, however often it was sent). */
    readonly eventsSent: number;
    /** Of which exact duplicates of an earlier line, as the generator makes them. */
    readonly duplicates: number;
    /** Of which late events (sent minutes after they happened). */
    readonly late: number;
    /** Events the fault dropped (in the truth, never put), and extra records it put. */
    readonly dropped: number;
    readonly doubled: number;
    /** From the first put to the last acknowledged, in s. */
    readonly sendSeconds: number;
    /** `eventsSent / sendSeconds`. */
    readonly eventsPerSecond: number;
  };
  readonly restart: {
    /** When the stack was killed, since the traffic began, in s. */
    readonly killedAtSeconds: number;
    /** From the SIGKILL until the restarted stack was ready, in s. */
    readonly downSeconds: number;
  };
  readonly reports: {
    /** The `events` report (minute rows) summed over the run, and what the truth says. */
    readonly eventsCounted: number;
    readonly eventsExpected: number;
    /** Report values compared (window × report × dimension), and the ones that differ. */
    readonly valuesCompared: number;
    readonly mismatches: number;
  };
  readonly features: {
    readonly recordsCompared: number;
    readonly mismatches: number;
  };
  /** Records on the bad-rows stream (the generated traffic has none). */
  readonly badRows: number;
  /** Records the consumers gave up on (their on-failure files). */
  readonly onFailureRecords: number;
  readonly memory: {
    /** Highest RSS of the `snowline up` process over the run, in MB. */
    readonly peakRssMb: number;
    /** Per run of the stack (before and after the SIGKILL): peak, and the mean of the first and the last third of its samples, in MB. */
    readonly runs: readonly { readonly run: 1 | 2; readonly samples: number; readonly peakMb: number; readonly firstThirdMb: number; readonly lastThirdMb: number }[];
  };
  readonly lag: {
    /** Largest iterator age of any consumer in the last third of the sending, in s. */
    readonly lastThirdMaxIteratorAgeSeconds: number;
    /** Each consumer's iterator age in the last sample (at the end of the drain), in s. */
    readonly iteratorAgeAtEndSeconds: Readonly<Record<string, number>>;
    /** From the last put until every consumer had processed every record, in s (null when it did not drain in time). */
    readonly drainSeconds: number | null;
    /** Records behind per consumer and shard at the end. */
    readonly atEnd: readonly ShardBacklog[];
  };
  /**
   * CPU (user + system) used from the first put until the end of the drain: by `snowline up`
   * (both runs, every thread: emulators and consumers), and by the soak's own process (generating
   * and putting the traffic), per event sent and in cores (the CPU over the wall time). Null where
   * there is no /proc.
   */
  readonly cpu: {
    readonly stackMicrosPerEvent: number;
    readonly stackCores: number;
    /** Each thread of `snowline up` (`stack`, the services', the consumers'), most first. */
    readonly byThread: readonly { readonly name: string; readonly microsPerEvent: number; readonly cores: number }[];
    /** The process beyond its threads' sum: libuv's pool (leveldb), V8's GC threads, tsx's loader. */
    readonly otherMicrosPerEvent: number;
    readonly senderMicrosPerEvent: number;
    readonly senderCores: number;
  } | null;
  readonly checks: readonly SoakCheck[];
  readonly passed: boolean;
  readonly node: string;
  readonly cores: number;
  readonly loadAverage1m: { readonly before: number; readonly after: number };
  readonly durationSeconds: number;
}
