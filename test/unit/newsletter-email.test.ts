import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { renderCampaign } from '../../functions/newsletter/campaigns';
import { fixedTokenSigner } from '../../functions/shared/link-tokens';
import { composeEmail } from '../../functions/shared/email/compose';

const deps = {
  tokens: fixedTokenSigner('a-secret-for-unit-tests-that-is-long-enough'),
  publicApiUrl: 'https://api.normen.no',
  from: 'Normen <ikke-svar@normen.no>',
};

describe('newsletter email', () => {
  const campaign = {
    id: 'c1',
    subject: 'Nytt i Normen – høst',
    body: '<p>Hei <a href="https://normen.no">Normen</a></p>',
    interests: ['privacy' as const],
    linkedProducts: ['veileder-sky'],
  };
  const rendered = renderCampaign(deps, campaign, { subscriberId: 's1', email: 'per@sykehus.no' }, new Date('2026-11-22T10:00:00Z'));

  it('carries RFC 8058 one-click unsubscribe headers with the recipient’s own link', async () => {
    const unsubscribe = /^<(https:\/\/api\.normen\.no\/newsletter\/unsubscribe\?token=[^>]+)>, <mailto:avmelding@normen\.no\?subject=unsubscribe%20s1>$/.exec(
      rendered.headers['List-Unsubscribe'] ?? '',
    );
    expect(unsubscribe).not.toBeNull();
    expect(rendered.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    const token = decodeURIComponent(new URL(unsubscribe?.[1] ?? 'https://x').searchParams.get('token') ?? '');
    expect(await deps.tokens.verify(token, 'manage', new Date('2026-11-23T10:00:00Z'))).toBe('s1');
  });

  it('signs fresh manage links in every issue, each good for a year from that issue', async () => {
    const tokenOf = (issue: ReturnType<typeof renderCampaign>) => {
      const url = /<(https:[^>]+)>/.exec(issue.headers['List-Unsubscribe'] ?? '')?.[1] ?? 'https://x';
      return decodeURIComponent(new URL(url).searchParams.get('token') ?? '');
    };
    const first = tokenOf(rendered);
    const next = tokenOf(renderCampaign(deps, campaign, { subscriberId: 's1', email: 'per@sykehus.no' }, new Date('2027-06-01T10:00:00Z')));
    expect(next).not.toBe(first);
    // The first issue's link has expired a year on; the later issue's link still works.
    const later = new Date('2027-12-01T10:00:00Z');
    await expect(deps.tokens.verify(first, 'manage', later)).rejects.toMatchObject({ status: 400 });
    expect(await deps.tokens.verify(next, 'manage', later)).toBe('s1');
    await expect(deps.tokens.verify(next, 'manage', new Date('2028-06-02T10:00:00Z'))).rejects.toMatchObject({ status: 400 });
  });

  it('builds a MIME message with text and HTML parts that a mail parser reads back', async () => {
    const raw = await composeEmail(deps.from, { to: 'per@sykehus.no', ...rendered });
    const parsed = await simpleParser(Buffer.from(raw));
    expect(parsed.subject).toBe('Nytt i Normen – høst');
    expect(parsed.headerLines.find((header) => header.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(parsed.text).toContain('Hei Normen (https://normen.no)');
    expect(parsed.text).toContain('https://api.normen.no/content/products/veileder-sky');
    expect(parsed.text).toContain('Referanse: c1.s1');
    expect(parsed.html).toContain('<a href="https://normen.no">Normen</a>');
    expect(parsed.html).toContain('Personvern');
  });
});
