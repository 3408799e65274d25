import type { Stack } from 'aws-cdk-lib';

/**
 * Physical names of the buckets the stateless stack writes to. They are derived, not passed as
 * cross-stack references, so that IAM resources read the same in both stacks and cdk-nag
 * acknowledgements can name them exactly (a cross-stack reference only resolves after synthesis
 * has started). Account and region keep the names globally unique; the prefix separates stages.
 */
export function filesBucketName(stack: Stack, prefix: string): string {
  return `${prefix.toLowerCase()}-files-${stack.account}-${stack.region}`;
}

export function cmsBucketName(stack: Stack, prefix: string): string {
  return `${prefix.toLowerCase()}-cms-${stack.account}-${stack.region}`;
}
