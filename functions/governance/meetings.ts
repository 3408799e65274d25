import {
  applyEdits,
  meetingDocumentDeadline,
  meetingRuleIssues,
  osloWallClockInstant,
  type Meeting,
  type MeetingCreate,
  type MeetingUpdate,
  type RuleIssue,
  type StoredMeeting,
} from '../../content-model';
import type { Actor } from '../shared/actor';
import { changedFields } from '../shared/audit/changes';
import { NotFoundError, StaleRevisionError } from '../shared/errors';
import { timeOrderedId } from '../shared/ids';
import type { Platform } from '../shared/platform';
import type { Store } from '../store';
import { assertNoIssues } from './references';

type Deps = Pick<Platform, 'store' | 'clock'>;

const meetingFields = ['title', 'groupId', 'date', 'startTime', 'endTime', 'format', 'place', 'videoUrl', 'documentDeadline', 'agenda'] as const;

/** The instant the clocks in Oslo show `time` ("09:30") on `date`. */
function osloInstant(date: string, time: string): string {
  const [hour, minute] = time.split(':').map(Number);
  return osloWallClockInstant(date, hour ?? 0, minute ?? 0).toISOString();
}

function withInstants<M extends Omit<StoredMeeting, 'startsAt' | 'endsAt'>>(meeting: M): M & Pick<StoredMeeting, 'startsAt' | 'endsAt'> {
  return { ...meeting, startsAt: osloInstant(meeting.date, meeting.startTime), endsAt: meeting.endTime ? osloInstant(meeting.date, meeting.endTime) : null };
}

/** The meeting as the API answers it: the deadline in force, and the agenda's cases by number and title. */
async function present(store: Pick<Store, 'cases'>, meeting: StoredMeeting): Promise<Meeting> {
  const cases = await Promise.all(meeting.agenda.map((item) => store.cases.get(item.caseId)));
  return {
    ...meeting,
    documentDeadline: meetingDocumentDeadline(meeting),
    documentDeadlineIsDefault: meeting.documentDeadline === null,
    agenda: meeting.agenda.map((item, index) => {
      const record = cases[index];
      return { ...item, number: record?.number ?? '', title: record?.title ?? 'Saken finnes ikke lenger', type: record?.type ?? 'information' };
    }),
  };
}

/** The group must exist and every case on the agenda too (`agenda.2.caseId`). */
async function referenceIssues(
  store: Pick<Store, 'groups' | 'cases'>,
  meeting: Pick<StoredMeeting, 'groupId' | 'agenda'>,
  changed: readonly string[],
): Promise<RuleIssue[]> {
  const issues: RuleIssue[] = [];
  if (changed.includes('groupId') && !(await store.groups.get(meeting.groupId))) issues.push({ path: 'groupId', message: 'Gruppen finnes ikke' });
  if (changed.includes('agenda')) {
    const found = await Promise.all(meeting.agenda.map((item) => store.cases.get(item.caseId)));
    meeting.agenda.forEach((item, index) => {
      if (!found[index]) issues.push({ path: `agenda.${index}.caseId`, message: `Sak ${item.caseId} finnes ikke` });
    });
  }
  return issues;
}

async function requireMeeting({ store }: Pick<Deps, 'store'>, id: string): Promise<StoredMeeting> {
  const meeting = await store.meetings.get(id);
  if (!meeting) throw new NotFoundError('Møtet finnes ikke');
  return meeting;
}

/** Meetings, the latest first. */
export async function listMeetings({ store }: Pick<Deps, 'store'>): Promise<{ items: Meeting[] }> {
  const meetings = (await store.meetings.list()).reverse();
  return { items: await Promise.all(meetings.map((meeting) => present(store, meeting))) };
}

export async function getMeeting({ store }: Pick<Deps, 'store'>, id: string): Promise<Meeting> {
  return present(store, await requireMeeting({ store }, id));
}

export async function createMeeting({ store, clock }: Deps, actor: Actor, input: MeetingCreate): Promise<Meeting> {
  assertNoIssues(await referenceIssues(store, input, meetingFields));
  const now = clock.now();
  const at = now.toISOString();
  const meeting: StoredMeeting = withInstants({
    ...input,
    id: timeOrderedId(now),
    revision: 1,
    createdAt: at,
    createdBy: actor.username,
    lastChangedAt: at,
    lastChangedBy: actor.username,
  });
  await store.transact([
    store.meetings.insert(meeting),
    store.audit.insert({ entityType: 'meeting', entityId: meeting.id, at, by: actor.username, action: 'created', changes: [], revision: 1 }),
  ]);
  return present(store, meeting);
}

export async function updateMeeting({ store, clock }: Deps, actor: Actor, id: string, update: MeetingUpdate): Promise<Meeting> {
  const current = await requireMeeting({ store }, id);
  if (current.revision !== update.expectedRevision) throw new StaleRevisionError('Møtet');
  const { expectedRevision, ...edits } = update;
  const merged = withInstants(applyEdits(current, edits));
  const changes = changedFields(current, merged, meetingFields);
  if (changes.length === 0) return present(store, current);
  assertNoIssues([...meetingRuleIssues(merged), ...(await referenceIssues(store, merged, changes))]);
  const at = clock.now().toISOString();
  const next: StoredMeeting = { ...merged, revision: current.revision + 1, lastChangedAt: at, lastChangedBy: actor.username };
  await store.transact([
    store.meetings.update(next, expectedRevision),
    store.audit.insert({ entityType: 'meeting', entityId: id, at, by: actor.username, action: 'updated', changes, revision: next.revision }),
  ]);
  return present(store, next);
}
