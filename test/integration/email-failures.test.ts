import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jobHealthSchema, type JobHealth } from '../../content-model';
import { keepForRetry, STUCK_AFTER_ATTEMPTS } from '../../functions/jobs/email-retries';
import { listJobHealth } from '../../functions/jobs/job-health';
import { runJob } from '../../functions/jobs/jobs';
import { register } from '../../functions/events/registration';
import type { Mailer } from '../../functions/shared/email/mailer';
import { openEvent, participant } from '../support/events';
import { emailsTo, reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';

type Deps = Awaited<ReturnType<typeof reviewDependencies>>;

/**
 * SES local accepts every address, so the outage is simulated in front of it: sends to one address
 * fail while `down` is true; everything else (and every send once it is back) goes to SES local.
 */
function mailerWithOutageFor(real: Mailer, address: string) {
  const state = { down: true };
  const refuse = (to: string) => {
    if (state.down && to.toLowerCase() === address.toLowerCase()) throw new Error('Throttling: Maximum sending rate exceeded.');
  };
  const mailer: Mailer = {
    maxSendRate: () => real.maxSendRate(),
    send: async (message) => {
      refuse(message.to);
      return real.send(message);
    },
    sendRaw: async (raw, options) => {
      const to = /^To: (.+)$/m.exec(raw)?.[1]?.trim() ?? '';
      refuse(to);
      return real.sendRaw(raw, options);
    },
  };
  return { mailer, state };
}

const notificationsHealth = async (deps: Deps): Promise<JobHealth> => {
  const { items } = await listJobHealth(deps);
  return items.find((item) => item.job === 'event-notifications')!;
};

describe('a failed participant email is kept, shown and sent again', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await reviewDependencies('2026-11-22T09:00:00Z');
  });

  it('registration succeeds while its confirmation fails; the next event-notifications run sends it, once', async () => {
    const event = await openEvent(deps, { sessions: [], questions: [] });
    const person = participant({ answers: {} });
    const outage = mailerWithOutageFor(deps.mailer, person.email);
    const flaky = { ...deps, mailer: outage.mailer };

    const outcome = await register(flaky, event.id, person, '10.9.0.1');
    expect(outcome.kind).toBe('registered');
    expect(await emailsTo(person.email)).toHaveLength(0);
    const [kept, ...more] = await deps.store.emailRetries.pending('event-notifications');
    expect(more).toHaveLength(0);
    expect(kept).toMatchObject({ to: person.email, attempts: 1, about: { eventId: event.id } });
    expect(kept?.subject).toContain('Normkonferansen');

    // Still down: the run tries, counts it and keeps it; the job page shows it with the error.
    const stillDown = await runJob(flaky, 'event-notifications', { kind: 'schedule', by: null });
    expect(stillDown.counts).toMatchObject({ emailsResent: 0, emailsStillFailing: 1 });
    const shown = await notificationsHealth(deps);
    expect(shown.failures.emailsAwaitingRetry).toBe(1);
    expect(shown.failures.latestEmailErrors[0]).toMatchObject({ subject: kept?.subject, attempts: 2 });
    expect(shown.failures.latestEmailErrors[0]?.message).toContain('Maximum sending rate exceeded');
    expect(JSON.stringify(shown.failures)).not.toContain(person.email);

    // Back up: the next run sends exactly that email through SES local, and a later run sends nothing more.
    outage.state.down = false;
    const recovered = await runJob(flaky, 'event-notifications', { kind: 'schedule', by: null });
    expect(recovered.status).toBe('succeeded');
    expect(recovered.counts).toMatchObject({ emailsResent: 1, emailsStillFailing: 0 });
    const received = await emailsTo(person.email);
    expect(received).toHaveLength(1);
    expect(received[0]?.subject).toBe(kept?.subject);
    expect(await deps.store.emailRetries.pending('event-notifications')).toEqual([]);
    expect((await notificationsHealth(deps)).failures.emailsAwaitingRetry).toBe(0);

    const again = await runJob(flaky, 'event-notifications', { kind: 'schedule', by: null });
    expect(again.counts.emailsResent).toBe(0);
    expect(await emailsTo(person.email)).toHaveLength(1);
  }, 60_000);

  it(`an email that keeps failing fails the job run after ${STUCK_AFTER_ATTEMPTS} attempts, and the job page lists the error`, async () => {
    const event = await openEvent(deps, { sessions: [], questions: [] });
    const person = participant({ answers: {} });
    const outage = mailerWithOutageFor(deps.mailer, person.email);
    const flaky = { ...deps, mailer: outage.mailer };
    await register(flaky, event.id, person, '10.9.0.2');

    const runs = [];
    for (let attempt = 2; attempt <= STUCK_AFTER_ATTEMPTS; attempt++) {
      // A run every few minutes, as scheduled: the job page orders runs by their start.
      deps.clock.set(new Date(deps.clock.now().getTime() + 5 * 60_000));
      runs.push(await runJob(flaky, 'event-notifications', { kind: 'schedule', by: null }));
    }
    expect(runs.slice(0, -1).map((run) => run.status)).toEqual(Array(STUCK_AFTER_ATTEMPTS - 2).fill('succeeded'));
    const stuck = runs.at(-1)!;
    expect(stuck.status).toBe('failed');
    expect(stuck.errors.join(' ')).toContain(`feilet ${STUCK_AFTER_ATTEMPTS} ganger`);

    const shown = await notificationsHealth(deps);
    expect(shown.health).toBe('failed');
    expect(shown.failures.failedRuns).toBeGreaterThanOrEqual(1);
    expect(shown.failures.latestErrors[0]?.message).toContain(`feilet ${STUCK_AFTER_ATTEMPTS} ganger`);
    // Back up: the stuck email goes out on the next run.
    outage.state.down = false;
    deps.clock.set(new Date(deps.clock.now().getTime() + 5 * 60_000));
    expect((await runJob(flaky, 'event-notifications', { kind: 'schedule', by: null })).counts.emailsResent).toBe(1);
    expect(await emailsTo(person.email)).toHaveLength(1);
    expect((await notificationsHealth(deps)).health).toBe('ok');
  }, 60_000);
});

describe('GET /admin/jobs shows the failures', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await startTestApi();
  });
  afterAll(() => api.stop());

  it('counts emails awaiting a retry for the job that will send them, with the latest error', async () => {
    const clock = { now: () => new Date() };
    await keepForRetry(
      { store: api.store, clock },
      'event-notifications',
      { to: 'ola@sykehus.no', subject: 'Du har fått plass', raw: 'To: ola@sykehus.no\r\n\r\nhei', about: { eventId: 'e1' } },
      new Error('SES is down'),
    );
    const response = await fetch(`${api.url}/admin/jobs`, { headers: { authorization: `Bearer ${await api.tokenFor('admin')}` } });
    expect(response.status).toBe(200);
    const { items } = z.object({ items: z.array(jobHealthSchema) }).parse(await response.json());
    const notifications = items.find((item) => item.job === 'event-notifications');
    expect(notifications?.failures).toMatchObject({
      emailsAwaitingRetry: 1,
      latestEmailErrors: [{ subject: 'Du har fått plass', attempts: 1, message: 'SES is down' }],
    });
    expect(items.find((item) => item.job === 'review-check')?.failures.emailsAwaitingRetry).toBe(0);
  });
});
