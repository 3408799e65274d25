import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { indexes } from '../functions/shared/db/table-definition';
import { userDirectoryActions } from '../functions/users/user-directory';

/**
 * Least-privilege grants, spelled out instead of the L2 `grantReadData` & co.: those include
 * Scan (never allowed on a request path) and wildcard index ARNs; these name each index.
 */

const itemReadActions = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem', 'dynamodb:DescribeTable'];
const itemWriteActions = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

export type ItemWriteAction = 'dynamodb:PutItem' | 'dynamodb:UpdateItem' | 'dynamodb:DeleteItem' | 'dynamodb:BatchWriteItem';
export type ObjectAction = 's3:GetObject' | 's3:PutObject';

export function indexArns(table: dynamodb.ITable): string[] {
  return Object.values(indexes).map((index) => `${table.tableArn}/index/${index.name}`);
}

/** Reads the value of one secret (no describe, no list, no other secret). */
export function grantSecretValue(grantee: iam.IGrantable, secretArn: string): void {
  iam.Grant.addToPrincipal({ grantee, actions: ['secretsmanager:GetSecretValue'], resourceArns: [secretArn] });
}

/** Get, query (table and every declared index) and condition checks in transactions. */
export function grantTableRead(grantee: iam.IGrantable, table: dynamodb.ITable): void {
  iam.Grant.addToPrincipal({ grantee, actions: itemReadActions, resourceArns: [table.tableArn] });
  iam.Grant.addToPrincipal({ grantee, actions: ['dynamodb:Query'], resourceArns: indexArns(table) });
}

/** Writes on the base table (indexes are maintained by DynamoDB, never written to). */
export function grantTableWrite(
  grantee: iam.IGrantable,
  table: dynamodb.ITable,
  actions: readonly ItemWriteAction[] = itemWriteActions as ItemWriteAction[],
): void {
  iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [table.tableArn] });
}

/** Object-level access only: no listing, no bucket configuration, no deletes. */
export function grantObjects(grantee: iam.IGrantable, bucket: s3.IBucket, actions: readonly ObjectAction[]): void {
  iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [bucket.arnForObjects('*')] });
}

/**
 * SES sending (SendRawEmail: every email is a MIME message built by functions/shared/email/compose.ts) through one verified identity
 * only, with one configuration set: SES authorizes a send against both ARNs, so both are named.
 */
export function grantSendEmail(grantee: iam.IGrantable, identityArn: string, configurationSetArn: string): void {
  iam.Grant.addToPrincipal({ grantee, actions: ['ses:SendRawEmail'], resourceArns: [identityArn, configurationSetArn] });
}

/** Reading the account's sending quota (the newsletter dispatcher paces itself by the max send rate). */
export function grantSendQuota(grantee: iam.IGrantable): void {
  // ses:GetSendQuota supports no resource-level permissions.
  iam.Grant.addToPrincipal({ grantee, actions: ['ses:GetSendQuota'], resourceArns: ['*'] });
}

/** Synchronous invocation of one function, by its unqualified ARN only (no versions or aliases, no other function). */
export function grantInvokeFunction(grantee: iam.IGrantable, functionArn: string): void {
  iam.Grant.addToPrincipal({ grantee, actions: ['lambda:InvokeFunction'], resourceArns: [functionArn] });
}

/** The user administration: exactly the Cognito admin calls it makes (functions/users/user-directory.ts), on the one pool. */
export function grantUserAdmin(grantee: iam.IGrantable, userPoolArn: string): void {
  iam.Grant.addToPrincipal({ grantee, actions: [...userDirectoryActions], resourceArns: [userPoolArn] });
}
