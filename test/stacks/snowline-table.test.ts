import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import type { TableDefinition } from '../../stacks/config';
import { SnowlineTable } from '../../stacks/constructs/snowline-table';
import { InvalidPropError } from '../../stacks/errors';
import { captureError, logicalId } from './reporting-helpers';

const FEATURES: TableDefinition = {
  tableName: 'snowline-features',
  partitionKey: { name: 'user_id', type: 'S' },
  globalSecondaryIndexes: [
    { indexName: 'by-day', partitionKey: { name: 'day', type: 'S' }, sortKey: { name: 'score', type: 'N' }, projection: 'KEYS_ONLY' },
  ],
};

function testStack(): Stack {
  return new Stack(new App(), 'Test');
}

describe('SnowlineTable', () => {
  it('makes its own rotating key when given none, and builds the indexes of the definition', () => {
    // GIVEN a definition with a global secondary index and no TTL
    const stack = testStack();

    // WHEN a table is built from it without a key
    const table = new SnowlineTable(stack, 'Features', { definition: FEATURES });

    // THEN a rotating key encrypts it, the index has its keys and projection, and there is no TTL
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TableName: 'snowline-features',
      BillingMode: 'PAY_PER_REQUEST',
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, table.encryptionKey), 'Arn'] } },
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by-day',
          KeySchema: [
            { AttributeName: 'day', KeyType: 'HASH' },
            { AttributeName: 'score', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      TimeToLiveSpecification: Match.absent(),
    });
  });

  it('grants read without write', () => {
    // GIVEN a table and a role
    const stack = testStack();
    const table = new SnowlineTable(stack, 'Features', { definition: FEATURES });
    const role = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });

    // WHEN read is granted
    table.grantReadData(role);

    // THEN the policy reads items of the table and its indexes and may decrypt, but not write
    const actions = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')).flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap((s: { Action: string | string[] }) => ([] as string[]).concat(s.Action)),
    );
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:Query', 'dynamodb:GetItem', 'kms:Decrypt']));
    expect(actions.filter((a) => /Put|Update|Delete|Write/.test(a))).toEqual([]);
  });

  it.each([
    ['definition.tableName', { ...FEATURES, tableName: 'a b' }, 'got "a b"'],
    ['definition.partitionKey.name', { ...FEATURES, partitionKey: { name: '', type: 'S' } }, 'got ""'],
    [
      'definition.globalSecondaryIndexes[0].partitionKey.type',
      { ...FEATURES, globalSecondaryIndexes: [{ indexName: 'by-user', partitionKey: { name: 'user_id', type: 'N' } }] },
      'expected S, the type another key gives attribute "user_id", got "N"',
    ],
    ['definition.globalSecondaryIndexes[0].projection', { ...FEATURES, globalSecondaryIndexes: [{ ...FEATURES.globalSecondaryIndexes![0]!, projection: 'SOME' }] }, 'got "SOME"'],
    ['definition.timeToLiveAttribute', { ...FEATURES, timeToLiveAttribute: 'user_id' }, 'expected an attribute that is not a key, got "user_id"'],
  ] as const)('rejects a bad %s, naming it and the value', (prop, definition, message) => {
    // GIVEN a definition with one bad field WHEN a table is built from it
    const error = captureError(() => new SnowlineTable(testStack(), 'Features', { definition: definition as TableDefinition }));

    // THEN it throws at once, naming the construct, the field and the value
    expect(error).toBeInstanceOf(InvalidPropError);
    expect((error as InvalidPropError).prop).toBe(prop);
    expect((error as Error).message).toContain(`Test/Features: invalid ${prop}: `);
    expect((error as Error).message).toContain(message);
  });

  it('has no unacknowledged cdk-nag AwsSolutions findings', () => {
    // GIVEN a table WHEN the AWS Solutions pack checks it THEN nothing is reported
    const stack = testStack();
    new SnowlineTable(stack, 'Features', { definition: FEATURES });
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });
});
