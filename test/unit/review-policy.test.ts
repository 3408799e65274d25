import { describe, expect, it } from 'vitest';
import { addDays, addMonths, nextEvaluationDue, osloDate, reviewIntervalMonths, type ReviewSubject } from '../../content-model';

const subject = (overrides: Partial<ReviewSubject>): ReviewSubject => ({
  type: 'guide',
  level: 2,
  topicCategory: 'other',
  riskOrTechnology: false,
  ...overrides,
});

describe('review policy (governance model chapter 7)', () => {
  it.each([
    [1, 'core', false, 6],
    [1, 'other', false, 12],
    [2, 'core', false, 6],
    [2, 'other', true, 6],
    [2, 'other', false, 12],
    [3, 'core', false, 6],
    [3, 'other', false, 12],
    [4, 'core', false, 24],
    [4, 'other', true, 24],
  ] as const)('level %i, %s topic, risk/technology %s → every %i months', (level, topicCategory, riskOrTechnology, months) => {
    expect(reviewIntervalMonths(subject({ level, topicCategory, riskOrTechnology }))).toBe(months);
  });

  it('exempts news articles and courses from review', () => {
    expect(reviewIntervalMonths(subject({ type: 'news-article', level: 4 }))).toBeNull();
    expect(reviewIntervalMonths(subject({ type: 'course', level: 4 }))).toBeNull();
    expect(nextEvaluationDue(subject({ type: 'course', level: 4 }), '2026-01-01')).toBeNull();
  });

  it('counts the interval from the given date', () => {
    expect(nextEvaluationDue(subject({ topicCategory: 'core' }), '2026-03-15')).toBe('2026-09-15');
    expect(nextEvaluationDue(subject({}), '2025-10-22')).toBe('2026-10-22');
  });
});

describe('calendar dates', () => {
  it('clamps to the end of shorter months and crosses years', () => {
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-11-15', 24)).toBe('2028-11-15');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });

  it('reads the calendar date in Oslo, not UTC', () => {
    // 23:30 UTC on 31 December is already New Year's Day in Oslo (UTC+1).
    expect(osloDate(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // 22:30 UTC in summer is 00:30 the next day in Oslo (UTC+2).
    expect(osloDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01');
    expect(osloDate(new Date('2026-06-30T21:30:00Z'))).toBe('2026-06-30');
  });
});
