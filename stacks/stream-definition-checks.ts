/**
 * Validation of a {@link StreamDefinition} from `stacks/config.ts` against Kinesis's limits.
 */
import { Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { StreamDefinition } from './config';
import { checkInteger, checkPattern, invalid } from './prop-checks';

/** Kinesis stream names: 1-128 of letters, digits, `_`, `.` and `-`. */
const STREAM_NAME = /^[a-zA-Z0-9_.-]{1,128}$/;

/**
 * Throws {@link InvalidPropError} naming `${prop}.<field>` if any field of `definition` is out of range.
 *
 * @param scope the stack or construct the definition was passed to
 * @param prop the prop holding the definition, e.g. `enrichedStream`
 * @see https://docs.aws.amazon.com/kinesis/latest/APIReference/API_CreateStream.html
 */
export function checkStreamDefinition(scope: IConstruct, prop: string, definition: StreamDefinition): void {
  checkPattern(
    scope,
    `${prop}.streamName`,
    definition.streamName,
    STREAM_NAME,
    '1-128 characters of a-z, A-Z, 0-9, "_", "." and "-"',
  );
  const { capacity } = definition;
  if (capacity !== 'on-demand' && !Token.isUnresolved(capacity)) {
    if (typeof capacity !== 'number' || !Number.isInteger(capacity) || capacity < 1) {
      throw invalid(scope, `${prop}.capacity`, capacity, '"on-demand" or an integer >= 1 (shards)');
    }
  }
  checkInteger(scope, `${prop}.localShardCount`, definition.localShardCount, { min: 1, unit: 'shards' });
  checkInteger(scope, `${prop}.retentionHours`, definition.retentionHours, {
    min: 24,
    max: 8760,
    unit: 'hours',
  });
}
