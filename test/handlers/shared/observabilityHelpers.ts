/** Reading what handlers write to stdout: Powertools' JSON log lines and EMF metric lines. */

/** An embedded-metric-format line as Powertools writes it. */
export interface EmfLine {
  readonly _aws: {
    readonly Timestamp: number;
    readonly CloudWatchMetrics: readonly { readonly Namespace: string; readonly Dimensions: readonly (readonly string[])[]; readonly Metrics: readonly { readonly Name: string; readonly Unit: string }[] }[];
  };
  readonly [key: string]: unknown;
}

/**
 * Runs `act` with stdout and stderr captured (and not printed), as Lambda collects both into the
 * log group (Powertools writes warnings and errors to stderr); returns its result and the lines.
 */
export async function captureOutput<T>(act: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr] as const;
  const writes = streams.map((stream) => stream.write);
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof stream.write;
  }
  try {
    const result = await act();
    return { result, lines: chunks.join('').split('\n').filter((line) => line.trim() !== '') };
  } finally {
    streams.forEach((stream, i) => (stream.write = writes[i]!));
  }
}

const parse = (line: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The EMF lines among some stdout lines. */
export const emfLines = (lines: readonly string[]): EmfLine[] => lines.map(parse).filter((v): v is EmfLine => v !== undefined && '_aws' in v);

/** The JSON log lines (not EMF) among some stdout lines. */
export const logLines = (lines: readonly string[]): Record<string, unknown>[] => lines.map(parse).filter((v): v is Record<string, unknown> => v !== undefined && !('_aws' in v));
