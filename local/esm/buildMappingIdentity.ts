import type { MappingIdentity } from './types';

/**
 * The ARNs a mapping's events and on-failure records carry, built as AWS builds them, so code
 * that parses an ARN behaves the same locally.
 *
 * @example
 * buildMappingIdentity({ region: 'us-east-1', account: '000000000000', streamName: 'snowline-enriched', functionName: 'reports' })
 * // streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/snowline-enriched'
 * // functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:reports'
 */
export function buildMappingIdentity(parts: {
  readonly region: string;
  readonly account: string;
  readonly streamName: string;
  readonly functionName: string;
}): MappingIdentity {
  const { region, account, streamName, functionName } = parts;
  return {
    region,
    account,
    streamName,
    streamArn: `arn:aws:kinesis:${region}:${account}:stream/${streamName}`,
    functionName,
    functionArn: `arn:aws:lambda:${region}:${account}:function:${functionName}`,
    invokeIdentityArn: `arn:aws:iam::${account}:role/${functionName}-role`,
  };
}
