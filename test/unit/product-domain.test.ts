import { describe, expect, it } from 'vitest';
import { productCreateSchema, slugify } from '../../content-model';
import { currencyOf } from '../../functions/products/domain';
import { sanitizeRichText } from '../../functions/shared/sanitize';

describe('slugify', () => {
  it('transliterates Norwegian letters and collapses punctuation', () => {
    expect(slugify('Veileder for små virksomheter')).toBe('veileder-for-sma-virksomheter');
    expect(slugify('Faktaark: Passord og passordhåndtering')).toBe('faktaark-passord-og-passordhandtering');
    expect(slugify('  Ærlig talt – Økonomi!  ')).toBe('aerlig-talt-okonomi');
  });
});

describe('currency', () => {
  const now = new Date('2026-11-22T10:00:00Z');
  it('is current up to and including the due date, not-current the day after', () => {
    const currency = (nextEvaluationDue: string | null) => currencyOf({ retiredAt: null, nextEvaluationDue, notCurrentReason: null }, now);
    expect(currency('2026-11-22')).toEqual({ currency: 'current', notCurrentReason: null });
    expect(currency('2026-11-21')).toEqual({ currency: 'not-current', notCurrentReason: 'overdue' });
    expect(currency(null)).toEqual({ currency: 'current', notCurrentReason: null });
  });
  it('uses the Oslo date at the turn of the day', () => {
    // 23:30 UTC on the due date is already the next day in Oslo.
    expect(currencyOf({ retiredAt: null, nextEvaluationDue: '2026-11-22', notCurrentReason: null }, new Date('2026-11-22T23:30:00Z')).currency).toBe(
      'not-current',
    );
  });
  it('marks retired products as retired whatever their due date', () => {
    expect(currencyOf({ retiredAt: '2026-01-01T00:00:00Z', nextEvaluationDue: '2030-01-01', notCurrentReason: null }, now).currency).toBe('retired');
  });
  it('follows a recorded reason even before the due date', () => {
    expect(currencyOf({ retiredAt: null, nextEvaluationDue: '2030-01-01', notCurrentReason: 'outdated' }, now)).toEqual({
      currency: 'not-current',
      notCurrentReason: 'outdated',
    });
  });
});

describe('rich text sanitising', () => {
  it('removes scripts, event handlers and javascript: links but keeps structure', () => {
    const dirty =
      '<h2>Tittel</h2><p onclick="steal()">Tekst <strong>viktig</strong><script>alert(1)</script></p>' +
      '<a href="javascript:alert(1)">x</a><a href="https://normen.no">Normen</a><img src=x onerror=alert(1)><iframe src="https://evil"></iframe>';
    const clean = sanitizeRichText(dirty);
    expect(clean).toContain('<h2>Tittel</h2>');
    expect(clean).toContain('<strong>viktig</strong>');
    expect(clean).toContain('href="https://normen.no"');
    expect(clean).not.toMatch(/script|onclick|onerror|javascript:|<img|<iframe/i);
  });
});

describe('product create schema', () => {
  const valid = {
    title: 'Veileder for test',
    type: 'guide',
    topicCategory: 'core',
    owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
  };
  it('accepts a minimal guide and fills defaults', () => {
    const parsed = productCreateSchema.parse(valid);
    expect(parsed).toMatchObject({ themes: [], attachments: [], status: 'draft', riskOrTechnology: false });
    expect(parsed.level).toBeUndefined();
  });
  it('requires a publisher for level 3', () => {
    const result = productCreateSchema.safeParse({ ...valid, level: 3 });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toContain('publisher');
  });
  it('rejects unknown vocabulary values and a malformed slug', () => {
    const result = productCreateSchema.safeParse({ ...valid, type: 'poster', slug: 'Not A Slug', themes: ['gardening'] });
    expect(result.error?.issues.map((issue) => issue.path.join('.')).sort()).toEqual(['slug', 'themes.0', 'type']);
  });
});
