import type { NormenEvent, PublicEvent } from '../../content-model';
import { registrationClosedReason, visibleEvent } from './registration';
import { eventCounts } from './seats';
import type { Platform } from '../shared/platform';

type PublicEventDependencies = Pick<Platform, 'store' | 'clock' | 'publicApiUrl'>;

async function toPublicEvent(deps: PublicEventDependencies, event: NormenEvent): Promise<PublicEvent> {
  const counts = eventCounts(event, await deps.store.events.seats(event.id));
  const modeCounts = (mode: string) => {
    const count = counts.modes.find((candidate) => candidate.mode === mode);
    return { confirmed: count?.confirmed ?? 0, held: count?.held ?? 0, waitlisted: count?.waitlisted ?? 0, free: count?.free ?? null };
  };
  const sessionCounts = (id: string) => {
    const count = counts.sessions.find((candidate) => candidate.sessionId === id);
    return { confirmed: count?.confirmed ?? 0, held: count?.held ?? 0, free: count?.free ?? null };
  };
  return {
    id: event.id,
    type: event.type,
    title: event.title,
    description: event.description,
    startsAt: event.startsAt,
    endsAt: event.endsAt,
    venue: event.venue,
    eligibility: event.eligibility,
    status: event.status,
    registrationOpensAt: event.registrationOpensAt,
    registrationClosesAt: event.registrationClosesAt,
    questions: event.questions,
    attendance: event.attendance.map((option) => ({ ...option, ...modeCounts(option.mode) })),
    sessions: event.sessions.map((session) => ({ ...session, ...sessionCounts(session.id) })),
    registrationOpen: registrationClosedReason(event, deps.clock.now()) === null,
    registrationUrl: `${deps.publicApiUrl}/events/${event.id}/registrations`,
  };
}

/** Events not yet over (drafts never), soonest first, with free, held, confirmed and waitlisted seats per mode and session. */
export async function listPublicEvents(deps: PublicEventDependencies): Promise<{ items: PublicEvent[] }> {
  const now = deps.clock.now();
  // Nothing Normen runs lasts longer than a week; start the index read there, then drop what has ended.
  const from = new Date(now.getTime() - 7 * 86_400_000).toISOString();
  const upcoming = (await deps.store.events.list(from)).filter((event) => event.status !== 'draft' && new Date(event.endsAt) > now);
  return { items: await Promise.all(upcoming.map((event) => toPublicEvent(deps, event))) };
}

export async function getPublicEvent(deps: PublicEventDependencies, id: string): Promise<PublicEvent> {
  return toPublicEvent(deps, await visibleEvent(deps.store, id));
}
