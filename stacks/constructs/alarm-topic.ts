/**
 * The SNS topic that CloudWatch alarms notify: KMS-encrypted, TLS only.
 */
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { checkPattern } from '../prop-checks';

/** What CloudWatch must do with the topic's key to publish an alarm to the encrypted topic. */
export const CLOUDWATCH_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

/** Props of {@link AlarmTopic}. */
export interface AlarmTopicProps {
  /**
   * The topic's display name, shown as the sender of e-mail and SMS notifications. Up to 100
   * characters.
   *
   * @default - none
   */
  readonly displayName?: string;
}

/**
 * An SNS topic for alarm notifications, encrypted with its own customer-managed key whose policy
 * lets CloudWatch publish, and denying publication without TLS. Subscribe people or a chat
 * integration to `topic`; add alarms with {@link AlarmTopic.notify}.
 *
 * The key is its own, rather than the stream stack's, because CloudWatch needs a statement in the
 * key policy and stacks do not edit each other's resources.
 *
 * @example
 * ```ts
 * const alarms = new AlarmTopic(this, 'Alarms', { displayName: 'Snowline reporting' });
 * alarms.notify(errorsAlarm);
 * ```
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 */
export class AlarmTopic extends Construct {
  /** The topic. */
  readonly topic: sns.Topic;
  /** The key that encrypts it. */
  readonly encryptionKey: kms.Key;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    if (props.displayName !== undefined) {
      checkPattern(this, 'displayName', props.displayName, /^.{1,100}$/su, '1-100 characters');
    }
    this.encryptionKey = new kms.Key(this, 'Key', {
      description: `Snowline: encrypts the alarm topic ${this.node.path}`,
      enableKeyRotation: true,
    });
    this.encryptionKey.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), ...CLOUDWATCH_KEY_ACTIONS);
    this.topic = new sns.Topic(this, 'Topic', {
      masterKey: this.encryptionKey,
      enforceSSL: true,
      ...(props.displayName ? { displayName: props.displayName } : {}),
    });
  }

  /** Sends the alarm's ALARM and OK transitions to the topic. */
  notify(alarm: cloudwatch.Alarm): void {
    const action = new SnsAction(this.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
}
