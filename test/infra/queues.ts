import { expect } from 'vitest';

export type Resource = { Type: string; Properties: Record<string, any> };

/**
 * A dead-letter or failure queue as infra/constructs/dead-letter-queue.ts builds it: encrypted,
 * HTTPS only (one queue policy, with the deny), and one alarm on a visible message that notifies
 * the alarm topic. Shared by the tests of every asynchronous path that can park a message.
 */
export function expectMonitoredQueue(resources: Record<string, Resource>, queueId: string, alarmTopic: unknown): void {
  const ofType = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);
  const queue = resources[queueId];
  expect(queue?.Type, queueId).toBe('AWS::SQS::Queue');
  expect(queue!.Properties.SqsManagedSseEnabled ?? queue!.Properties.KmsMasterKeyId, queueId).toBeTruthy();
  const policies = ofType('AWS::SQS::QueuePolicy').filter(([, policy]) => JSON.stringify(policy.Properties.Queues) === JSON.stringify([{ Ref: queueId }]));
  expect(policies, queueId).toHaveLength(1);
  expect(policies[0]![1].Properties.PolicyDocument.Statement).toEqual(
    expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
  );
  const alarms = ofType('AWS::CloudWatch::Alarm').filter(
    ([, alarm]) =>
      alarm.Properties.Namespace === 'AWS/SQS' &&
      JSON.stringify(alarm.Properties.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }]),
  );
  expect(alarms, queueId).toHaveLength(1);
  expect(alarms[0]![1].Properties).toMatchObject({
    MetricName: 'ApproximateNumberOfMessagesVisible',
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    AlarmActions: [alarmTopic],
  });
}
