import { ArnFormat } from 'aws-cdk-lib';
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

/**
 * Name of the secret that signs the links in every email (newsletter confirmation, preferences and
 * unsubscribe; event registration cancel links); by name, like the buckets, so no export is needed.
 */
export function linkTokenSecretName(prefix: string): string {
  return `${prefix.toLowerCase()}/link-token-secret`;
}

/**
 * The secret's ARN as IAM matches it: Secrets Manager appends six random characters to the name,
 * so `-??????` (exactly six, unlike `*`) names this one secret and no other with the same prefix.
 */
export function linkTokenSecretArn(stack: Stack, prefix: string): string {
  return stack.formatArn({
    service: 'secretsmanager',
    resource: 'secret',
    resourceName: `${linkTokenSecretName(prefix)}-??????`,
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
}

/**
 * ARN of the SES domain identity that sends every email, derived from the domain for the same
 * reason as the bucket names: the grant then reads the same in both stacks and needs no wildcard.
 */
export function mailIdentityArn(stack: Stack, mailDomain: string): string {
  return stack.formatArn({ service: 'ses', resource: 'identity', resourceName: mailDomain });
}

/**
 * The SES configuration set every email is sent with (SES_CONFIGURATION_SET). Created by the
 * stateful stack; the functions name it when sending, and SES authorizes each send against it.
 */
export function mailConfigurationSetName(prefix: string): string {
  return `${prefix.toLowerCase()}-mail`;
}

export function mailConfigurationSetArn(stack: Stack, prefix: string): string {
  return stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: mailConfigurationSetName(prefix) });
}

/** SNS topic that receives the configuration set's events (send, delivery, bounce, complaint, reject). */
export function mailEventsTopicName(prefix: string): string {
  return `${prefix.toLowerCase()}-mail-events`;
}

export function mailEventsTopicArn(stack: Stack, prefix: string): string {
  return stack.formatArn({ service: 'sns', resource: mailEventsTopicName(prefix), arnFormat: ArnFormat.NO_RESOURCE_NAME });
}
