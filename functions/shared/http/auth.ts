import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { userGroups, type UserGroup } from '../../../content-model';
import type { Access } from '../../routes';
import { ForbiddenError, UnauthorizedError } from '../errors';
import type { Actor } from '../actor';
import { hasAccess } from '../access';

/**
 * API Gateway's JWT authorizer passes verified claims in requestContext.authorizer.jwt.claims and
 * flattens arrays to a string like "[editor admin]"; accept that and a real array alike.
 */
const groupsClaimSchema = z
  .union([z.array(z.string()), z.string()])
  .transform((value) => (Array.isArray(value) ? value : value.replace(/^\[|\]$/g, '').split(/[\s,]+/)))
  .transform((names) => names.filter((name): name is UserGroup => userGroups.schema.safeParse(name).success));

const claimsSchema = z.object({
  email: z.string().optional(),
  username: z.string().optional(),
  'cognito:username': z.string().optional(),
  sub: z.string(),
  'cognito:groups': groupsClaimSchema.optional(),
});

export function actorFromEvent(event: APIGatewayProxyEventV2): Actor | null {
  const context: unknown = event.requestContext;
  const claims = z.object({ authorizer: z.object({ jwt: z.object({ claims: z.record(z.string(), z.unknown()) }) }) }).safeParse(context);
  if (!claims.success) return null;
  const parsed = claimsSchema.safeParse(claims.data.authorizer.jwt.claims);
  if (!parsed.success) return null;
  // Id tokens carry the email: the readable "who" in the version history. Access tokens only an id.
  const { email, username, sub } = parsed.data;
  return { username: email ?? username ?? parsed.data['cognito:username'] ?? sub, groups: parsed.data['cognito:groups'] ?? [] };
}

/** Group check for a route; API Gateway (or the local server) has already verified the token. */
export function authorize(access: Access, actor: Actor | null): void {
  if (access === 'public') return;
  if (!actor) throw new UnauthorizedError('Innlogging kreves');
  if (actor.groups.length === 0) throw new ForbiddenError('Brukeren har ingen rolle i Normen-plattformen');
  if (!hasAccess(access, actor)) {
    throw new ForbiddenError(access === 'admin' ? 'Bare administratorer kan gjøre dette' : 'Rollen din gir bare lesetilgang');
  }
}
