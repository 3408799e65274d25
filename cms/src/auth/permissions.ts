import type { UserGroup } from '../../../content-model';

/**
 * Who may do what in the CMS. Committee members read everything (overview, products, history);
 * editors and admins also create, edit, move products through the lifecycle and upload files.
 * The API enforces the same rule; the UI only hides what would be refused.
 */
const readActions = new Set(['list', 'show', 'read', 'export', 'history']);
const writingGroups: readonly UserGroup[] = ['editor', 'admin'];

export function mayWrite(groups: readonly UserGroup[]): boolean {
  return groups.some((group) => writingGroups.includes(group));
}

export function mayPerform(groups: readonly UserGroup[], action: string): boolean {
  if (groups.length === 0) return false;
  return readActions.has(action) || mayWrite(groups);
}
