import { randomBytes } from 'node:crypto';

/** Ids that sort by creation time (like ULIDs), so lists keyed by them come out in order. */
export function timeOrderedId(now: Date): string {
  return `${now.getTime().toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}
