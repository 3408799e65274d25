import { randomUUID } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryAll } from '../../functions/shared/db/client';
import { openEvent } from '../support/events';
import { emailsTo, reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';

/**
 * Microsoft 365 Safe Links opens every link in every email before the person does. Through the
 * local API server against DynamoDB Local and SES local: every link we email, opened with GET,
 * leaves every item in the table as it was; only the buttons behind them (POST) change anything.
 */
let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api?.stop();
});

/** The whole table, in key order. A scan is fine in a test: it is no request path. */
async function everyItem(): Promise<unknown[]> {
  const items = await queryAll(
    (start) => api.table.client.send(new ScanCommand({ TableName: api.table.name, ExclusiveStartKey: start, ConsistentRead: true })),
    (item) => item,
  );
  const key = (item: Record<string, unknown>) => `${String(item.pk)}\u0000${String(item.sk)}`;
  return items.sort((a, b) => key(a).localeCompare(key(b)));
}

/** Every link to the API in the emails to `to`, from the text and the HTML part. */
async function linksTo(to: string): Promise<string[]> {
  const links = (await emailsTo(to)).flatMap((email) => [
    ...(email.body.text ?? '').matchAll(/https?:\/\/[^\s"<>]+/g),
    ...[...(email.body.html ?? '').matchAll(/href="([^"]+)"/g)].map((match) => [match[1]?.replaceAll('&amp;', '&') ?? '']),
  ]);
  return [...new Set(links.map((match) => match[0] ?? '').filter((link) => link.startsWith(api.url)))];
}

const postJson = (path: string, body: unknown) =>
  fetch(`${api.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('links in emails', () => {
  it('change nothing when opened, however often: newsletter confirm, preferences, unsubscribe and event cancel', async () => {
    const reader = `leser-${randomUUID()}@sykehus.no`;
    const pending = `venter-${randomUUID()}@sykehus.no`;
    const participant = `deltaker-${randomUUID()}@kommune.no`;

    // A confirmed reader with manage links, a sign-up still pending, and an event registration.
    expect((await postJson('/newsletter/subscriptions', { email: reader, interests: ['privacy'] })).status).toBe(202);
    const [confirmLink] = (await linksTo(reader)).filter((link) => link.includes('/newsletter/confirm?'));
    expect(confirmLink).toBeDefined();
    expect((await fetch(confirmLink ?? '', { method: 'POST' })).status).toBe(200);
    expect((await postJson('/newsletter/subscriptions', { email: reader })).status).toBe(202); // "already subscribed", with manage links
    expect((await postJson('/newsletter/subscriptions', { email: pending })).status).toBe(202);
    const deps = { ...(await reviewDependencies(new Date().toISOString())), store: api.store };
    const event = await openEvent(deps, { startsAt: '2027-03-01T08:00:00Z', endsAt: '2027-03-01T15:00:00Z', sessions: [], questions: [] });
    expect(
      (await postJson(`/events/${event.id}/registrations`, { name: 'Kari Nordmann', email: participant, organisation: 'Oslo kommune', mode: 'in-person' }))
        .status,
    ).toBe(202);

    const links = [...(await linksTo(reader)), ...(await linksTo(pending)), ...(await linksTo(participant))];
    for (const path of ['/newsletter/confirm?', '/newsletter/preferences?', '/newsletter/unsubscribe?', '/events/registrations/cancel?']) {
      expect(
        links.some((link) => link.includes(path)),
        `a ${path} link was emailed`,
      ).toBe(true);
    }

    const before = await everyItem();
    // Twice, as a scanner and then the person would.
    for (const link of [...links, ...links]) {
      const response = await fetch(link, { redirect: 'manual' });
      expect(response.status, link).toBeLessThan(400);
      await response.arrayBuffer();
    }
    expect(await everyItem()).toEqual(before);
    expect((await api.store.subscribers.findByEmail(pending))?.status).toBe('pending');
    expect((await api.store.subscribers.findByEmail(reader))?.status).toBe('confirmed');
  }, 60_000);
});
