import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type { CfnElement } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { EventsArchive, type EventsArchiveProps } from '../../stacks/constructs/events-archive';
import { InvalidPropError } from '../../stacks/errors';

/** A stack with an encrypted stream, a lake bucket and key, and the archive on them (no bundling). */
function archiveStack(overrides: Partial<EventsArchiveProps> = {}) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Lake', { env: { account: '111122223333', region: 'eu-west-1' } });
  const encryptionKey = new kms.Key(stack, 'LakeKey');
  const stream = new kinesis.Stream(stack, 'Enriched', { encryption: kinesis.StreamEncryption.KMS, encryptionKey: new kms.Key(stack, 'StreamKey') });
  const bucket = new s3.Bucket(stack, 'Lake', { encryption: s3.BucketEncryption.KMS, encryptionKey });
  const build = () => new EventsArchive(stack, 'EventsArchive', { stream, bucket, encryptionKey, glueDatabaseName: 'snowline_lake', glueTableName: 'events', ...overrides });
  return { stack, stream, bucket, encryptionKey, build };
}

const id = (stack: Stack, construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnElement);

describe('EventsArchive', () => {
  it('delivers the enriched stream to <prefix>/date=<collector date>/ as Parquet with the Glue table schema, KMS-encrypted', () => {
    // GIVEN the enriched stream, the lake bucket and key
    const { stack, stream, bucket, encryptionKey, build } = archiveStack();

    // WHEN the archive is added
    const archive = build();

    // THEN Firehose reads the stream, transforms with the Lambda, partitions by the date it returns and converts to Parquet
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KinesisFirehose::DeliveryStream', 1);
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: { 'Fn::GetAtt': [id(stack, stream), 'Arn'] } },
      ExtendedS3DestinationConfiguration: Match.objectLike({
        BucketARN: { 'Fn::GetAtt': [id(stack, bucket), 'Arn'] },
        Prefix: 'events/date=!{partitionKeyFromLambda:date}/',
        ErrorOutputPrefix: 'events-errors/!{firehose:error-output-type}/date=!{timestamp:yyyy-MM-dd}/',
        BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 60 },
        CompressionFormat: 'UNCOMPRESSED',
        EncryptionConfiguration: { KMSEncryptionConfig: { AWSKMSKeyARN: { 'Fn::GetAtt': [id(stack, encryptionKey), 'Arn'] } } },
        DynamicPartitioningConfiguration: { Enabled: true, RetryOptions: { DurationInSeconds: 300 } },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            {
              Type: 'Lambda',
              Parameters: Match.arrayWith([{ ParameterName: 'LambdaArn', ParameterValue: { 'Fn::GetAtt': [id(stack, archive.transform.function), 'Arn'] } }]),
            },
          ],
        },
        DataFormatConversionConfiguration: {
          Enabled: true,
          InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
          OutputFormatConfiguration: { Serializer: { ParquetSerDe: { Compression: 'SNAPPY' } } },
          SchemaConfiguration: Match.objectLike({ CatalogId: '111122223333', DatabaseName: 'snowline_lake', TableName: 'events', Region: 'eu-west-1', VersionId: 'LATEST' }),
        },
      }),
    });
  });

  it('gives the transform the key secret (generated, KMS-encrypted) and the IP mode, and nothing else', () => {
    const { stack, encryptionKey, build } = archiveStack({ ipAddresses: 'truncate' });
    const archive = build();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      KmsKeyId: { 'Fn::GetAtt': [id(stack, encryptionKey), 'Arn'] },
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true, IncludeSpace: false },
    });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Environment: { Variables: Match.objectLike({ PSEUDONYMISATION_SECRET_ARN: { Ref: id(stack, archive.pseudonymisationSecret as never) }, PSEUDONYMISE_IP_ADDRESSES: 'truncate' }) },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: id(stack, archive.transform.role) }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Resource: { Ref: id(stack, archive.pseudonymisationSecret as never) } })]) },
    });
  });

  it("scopes Firehose's role to the stream, the archive's prefixes, the Glue table and the transform", () => {
    const { stack, bucket, build } = archiveStack();
    const archive = build();
    const template = Template.fromStack(stack);
    const bucketArn = { 'Fn::GetAtt': [id(stack, bucket), 'Arn'] };
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: id(stack, archive.role) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['kinesis:GetRecords', 'kinesis:GetShardIterator']) }),
          Match.objectLike({
            Action: ['s3:AbortMultipartUpload', 's3:GetBucketLocation', 's3:GetObject', 's3:ListBucket', 's3:ListBucketMultipartUploads', 's3:PutObject'],
            Resource: [bucketArn, { 'Fn::Join': ['', [bucketArn, '/events/*']] }, { 'Fn::Join': ['', [bucketArn, '/events-errors/*']] }],
          }),
          Match.objectLike({ Action: 'lambda:InvokeFunction' }),
          Match.objectLike({
            Action: ['glue:GetTable', 'glue:GetTableVersion', 'glue:GetTableVersions'],
            Resource: Match.arrayWith([{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':glue:eu-west-1:111122223333:table/snowline_lake/events']] }]),
          }),
        ]),
      },
    });
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).not.toContain('"Action":"*"');
    expect(policies).not.toContain('"s3:*"');
  });

  it('names the prop and the value for a bad buffer, prefix, table name or IP mode', () => {
    expect(() => archiveStack({ bufferSizeMiB: 5 }).build()).toThrow(InvalidPropError);
    expect(() => archiveStack({ bufferSizeMiB: 5 }).build()).toThrow(/bufferSizeMiB/);
    expect(() => archiveStack({ bufferInterval: Duration.seconds(30) }).build()).toThrow(/bufferInterval.*30/);
    expect(() => archiveStack({ prefix: '/events' }).build()).toThrow(/prefix/);
    expect(() => archiveStack({ glueTableName: 'Events' }).build()).toThrow(/glueTableName/);
    expect(() => archiveStack({ ipAddresses: 'mask' as never }).build()).toThrow(/ipAddresses.*"mask"/);
  });
});
