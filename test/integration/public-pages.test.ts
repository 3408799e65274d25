import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvent } from '../support/events';
import { reviewDependencies, startTestApi, type TestApi } from '../support/local-stack';

/**
 * What every public page carries, through the local API server: the header and footer (with the
 * link to the accessibility statement), a privacy notice under every form, and the statement itself.
 */
let api: TestApi;
let deps: Awaited<ReturnType<typeof reviewDependencies>>;
beforeAll(async () => {
  api = await startTestApi();
  deps = { ...(await reviewDependencies(new Date().toISOString())), store: api.store, table: api.table, publicApiUrl: api.url };
}, 120_000);
afterAll(async () => {
  await api?.stop();
});

async function pageAt(path: string, init?: RequestInit): Promise<{ status: number; type: string; body: string }> {
  const response = await fetch(`${api.url}${path}`, init);
  return { status: response.status, type: response.headers.get('content-type') ?? '', body: await response.text() };
}

const footerLink = /<footer class="site-footer">.*<a href="\/tilgjengelighet">Tilgjengelighetserklæring<\/a>.*<\/footer>/s;
const header = '<header class="site-header"><a href="https://normen.no">Normen</a></header>';

describe('public pages', () => {
  it('answer GET and HEAD /tilgjengelighet with the statement: Norwegian HTML with status, deviations, date, feedback address and the authority', async () => {
    const statement = await pageAt('/tilgjengelighet');
    expect(statement.status).toBe(200);
    expect(statement.type).toBe('text/html; charset=utf-8');
    expect(statement.body).toContain('<html lang="nb">');
    expect(statement.body).toContain('<h1>Tilgjengelighetserklæring</h1>');
    // No known deviations since the CMS fixes of issue 11: in conformity, and the deviations section says so.
    expect(statement.body).toMatch(
      /<h2>Status<\/h2>\s*<p>Løsningen er <strong>i samsvar<\/strong> med kravene[^<]*WCAG 2\.1 nivå A og AA[^<]*Vi kjenner ikke til brudd/,
    );
    expect(statement.body).not.toContain('delvis i samsvar');
    expect(statement.body).toMatch(/<h2>Kjente avvik<\/h2>\s*<p>Ingen kjente avvik\.<\/p>\s*<h2>Slik er løsningen vurdert<\/h2>/);
    expect(statement.body).not.toMatch(/<li><strong>\d\.\d\.\d/);
    // How it was assessed: axe-core on the public pages and on every CMS page, for each role.
    expect(statement.body).toMatch(/axe-core[^<]*hver side i publiseringsløsningen som redaktører, komitémedlemmer og administratorer kommer til/);
    expect(statement.body).toContain('<time datetime="2026-12-05">5. desember 2026</time>');
    expect(statement.body).toContain('<a href="mailto:sekretariatet@normen.no">sekretariatet@normen.no</a>');
    expect(statement.body).toContain('<a href="https://www.uutilsynet.no/">Tilsynet for universell utforming av ikt</a>');
    expect(statement.body).toMatch(footerLink);

    const head = await fetch(`${api.url}/tilgjengelighet`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('show the header, the footer with the statement link, and under every form a privacy notice in its own words', async () => {
    const event = await openEvent(deps, { startsAt: '2027-12-05T08:00:00Z', endsAt: '2027-12-05T15:00:00Z', sessions: [], retentionDays: 45 });
    const forms = {
      '/inputs': 'Innspillet oppbevares som en del av saksdokumentasjonen',
      '/newsletter/subscriptions': 'adressen slettes når du ber om det',
      [`/events/${event.id}/registrations`]: '45 dager etter arrangementet sletter vi navn, e-post, virksomhet og svar',
    };
    for (const [path, kept] of Object.entries(forms)) {
      const form = await pageAt(path);
      expect(form.status, path).toBe(200);
      expect(form.body, path).toContain(header);
      expect(form.body, path).toMatch(footerLink);
      expect(form.body, path).toMatch(/<\/form>\s*<section class="privacy" aria-labelledby="privacy-heading"><h2 id="privacy-heading">Personvern<\/h2>/);
      expect(form.body, path).toContain(kept);
      expect(form.body, path).toContain('<a href="mailto:sekretariatet@normen.no">');
    }

    // A 400 shows the form again, notice included; a problem page and a link page carry the footer too.
    const refused = await pageAt('/inputs', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=Per&email=per%40',
    });
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('<h2 id="privacy-heading">Personvern</h2>');
    for (const path of ['/newsletter/confirm?token=ugyldig', '/events/registrations/cancel?token=ugyldig']) {
      const problem = await pageAt(path);
      expect(problem.status, path).toBe(400);
      expect(problem.body, path).toContain(header);
      expect(problem.body, path).toMatch(footerLink);
      expect(problem.body, path).not.toContain('privacy-heading');
    }
  }, 60_000);
});
