import type { UserGroup } from '../../../content-model';

/**
 * Who may do what in the CMS, mirroring the API's access levels (functions/routes.ts):
 * - read: every group sees the overview, products, history, dashboard, consultations, reports and jobs;
 * - review: every group records evaluations (the editorial committee's main task);
 * - write: editors and admins create, edit, move products through the lifecycle, run consultations
 *   and triage input;
 * - admin: only admins run scheduled jobs now;
 * - the newsletter (campaigns and subscribers) and events (participants) are the secretariat's:
 *   editors and admins only, even to look at (subscribers and participants are personal data);
 * - the users of the CMS ("Brukere") are for admins only, even to look at; everyone has their own
 *   profile page, which calls Cognito about themself, not the API.
 * The API enforces the same rules; the UI only hides what would be refused.
 */
const readActions = new Set(['list', 'show', 'read', 'export', 'history']);
const reviewActions = new Set(['evaluate']);
const adminActions: Record<string, ReadonlySet<string>> = { jobs: new Set(['run']) };
const writingGroups: readonly UserGroup[] = ['editor', 'admin'];
/** Resources where every action, reading included, is for writers only. */
export const newsletterResources: ReadonlySet<string> = new Set(['campaigns', 'subscribers']);
const writerOnlyResources: ReadonlySet<string> = new Set([...newsletterResources, 'events']);
const adminOnlyResources: ReadonlySet<string> = new Set(['users']);

export function mayWrite(groups: readonly UserGroup[]): boolean {
  return groups.some((group) => writingGroups.includes(group));
}

export function isAdmin(groups: readonly UserGroup[]): boolean {
  return groups.includes('admin');
}

export function mayPerform(groups: readonly UserGroup[], action: string, resource?: string): boolean {
  if (groups.length === 0) return false;
  if (resource !== undefined && adminOnlyResources.has(resource)) return isAdmin(groups);
  if (resource !== undefined && writerOnlyResources.has(resource)) return mayWrite(groups);
  if (readActions.has(action) || reviewActions.has(action)) return true;
  if (resource !== undefined && adminActions[resource]?.has(action)) return isAdmin(groups);
  return mayWrite(groups);
}
