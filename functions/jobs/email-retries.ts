import type { JobName } from '../../content-model';
import type { Clock } from '../shared/clock';
import { timeOrderedId } from '../shared/ids';
import { logger } from '../shared/logger';
import type { Mailer } from '../shared/email/mailer';
import type { Store } from '../store';

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Overlapping runs skip an email another run is sending; a crashed run's claim lapses after this. */
const retryLeaseMs = 2 * 60_000;
/** After this many failed sends an email counts as stuck: the job run fails (and alarms) until it goes out or expires. */
export const STUCK_AFTER_ATTEMPTS = 5;

/**
 * Keeps an email that could not be sent for `job` to send again, so a failed send is never only a
 * log line. Recording must not fail the request that sent it (what it did is stored already), so
 * a failure to record is logged as an error, which the log-based view still shows.
 */
export async function keepForRetry(
  deps: { store: Pick<Store, 'emailRetries'>; clock: Clock },
  job: JobName,
  email: { to: string; subject: string; raw: string; about: Record<string, string> },
  error: unknown,
): Promise<void> {
  const now = deps.clock.now();
  try {
    await deps.store.emailRetries.record({ id: timeOrderedId(now), job, ...email, firstFailedAt: now.toISOString(), lastError: message(error) });
    logger.warn('Email failed; kept for the job to send again', { job, about: email.about, error });
  } catch (recordError) {
    logger.error('Email failed and could not be kept for a retry', { job, about: email.about, error, recordError });
  }
}

/**
 * Sends again what `keepForRetry` kept for this job, oldest first. Returns the figures for the
 * job run; an email still failing after STUCK_AFTER_ATTEMPTS sends is reported as an error.
 */
export async function resendKeptEmails(
  deps: { store: Pick<Store, 'emailRetries'>; clock: Clock; mailer: Mailer },
  job: JobName,
): Promise<{ resent: number; stillFailing: number; errors: string[] }> {
  let resent = 0;
  let stillFailing = 0;
  const errors: string[] = [];
  for (const retry of await deps.store.emailRetries.pending(job)) {
    if (!(await deps.store.emailRetries.claim(retry, deps.clock.now(), retryLeaseMs))) continue;
    try {
      await deps.mailer.sendRaw(retry.raw);
      await deps.store.emailRetries.sent(retry);
      resent++;
    } catch (error) {
      stillFailing++;
      await deps.store.emailRetries.failedAgain(retry, deps.clock.now().toISOString(), message(error));
      if (retry.attempts + 1 >= STUCK_AFTER_ATTEMPTS) {
        errors.push(`E-post «${retry.subject}» har feilet ${retry.attempts + 1} ganger: ${message(error)}`);
      }
    }
  }
  return { resent, stillFailing, errors };
}
