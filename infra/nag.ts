import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Helpers to write cdk-nag acknowledgements for IAM5 (wildcard) findings. cdk-nag 3 names each
 * finding after the flattened policy resource, e.g. `AwsSolutions-IAM5[Resource::<Table.Arn>/*]`,
 * and only exact ids match; these build the id from the same value the policy uses, so it stays
 * right whether account and region are known at synth time or not.
 */

/** The resource part of an IAM5 finding id, as cdk-nag's flattenCfnReference renders it. */
export function nagResource(scope: IConstruct, value: string): string {
  return flatten(Stack.of(scope).resolve(value));
}

export function iam5Resource(scope: IConstruct, value: string): string {
  return `AwsSolutions-IAM5[Resource::${nagResource(scope, value)}]`;
}

/**
 * Objects in the CDK bootstrap asset bucket, which asset consumers such as BucketDeployment
 * read from; the default synthesizer renders the name with `${AWS::AccountId}` placeholders.
 */
export function assetBucketObjects(stack: Stack): string {
  const qualifier = stack.synthesizer.bootstrapQualifier ?? 'hnb659fds';
  const partition = Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  return `AwsSolutions-IAM5[Resource::arn:${partition}:s3:::cdk-${qualifier}-assets-${account}-${region}/*]`;
}

function flatten(node: unknown): string {
  if (node === undefined) return '';
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (isRecord(node)) {
    const join = node['Fn::Join'];
    if (Array.isArray(join)) {
      const [delimiter, items] = join as [string, unknown[]];
      return items.map(flatten).join(delimiter);
    }
    if ('Fn::Sub' in node) return flatten(node['Fn::Sub']);
    const getAtt = node['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${flatten(getAtt[0])}.${flatten(getAtt[1])}>`;
    if ('Fn::ImportValue' in node) return flatten(node['Fn::ImportValue']);
    if ('Ref' in node) return `<${flatten(node.Ref)}>`;
  }
  return JSON.stringify(node);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
