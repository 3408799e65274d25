import type { UserGroup } from '../../content-model';
import type { Access } from '../routes';
import type { Actor } from './actor';

/** The groups each access level of a route admits (functions/routes.ts `Access`). */
export const groupsAllowed: Record<Exclude<Access, 'public'>, readonly UserGroup[]> = {
  read: ['editor', 'committee', 'admin'],
  review: ['editor', 'committee', 'admin'],
  write: ['editor', 'admin'],
  admin: ['admin'],
};

/** Whether the actor's groups give an access level: for a response that shows each role what its routes would. */
export function hasAccess(access: Exclude<Access, 'public'>, actor: Actor): boolean {
  return actor.groups.some((group) => groupsAllowed[access].includes(group));
}
