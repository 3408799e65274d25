import { describe, expect, it } from 'vitest';
import { consultationState, countedDays, defaultConsultationDeadline, julyAwareDeadline } from '../../content-model';

describe('consultation windows and July (governance model)', () => {
  it('gives levels 2 and 3 four weeks when July is not touched', () => {
    expect(defaultConsultationDeadline(2, '2026-03-02')).toBe('2026-03-30');
    expect(defaultConsultationDeadline(3, '2026-09-01')).toBe('2026-09-29');
  });

  it('gives level 1 three months', () => {
    expect(defaultConsultationDeadline(1, '2026-01-15')).toBe('2026-04-15');
  });

  it('extends a window that overlaps July by the July days', () => {
    // 10 June + 28 days would be 8 July; the 8 July days in the window are added → 8 August.
    expect(defaultConsultationDeadline(2, '2026-06-10')).toBe('2026-08-08');
    // Level 1 from 1 May: May 1 → Aug 1 is 92 days; July does not count, so it ends 1 September.
    expect(defaultConsultationDeadline(1, '2026-05-01')).toBe('2026-09-01');
  });

  it('handles the edges of July exactly', () => {
    // Ends on 30 June: no overlap, no extension.
    expect(julyAwareDeadline('2026-06-02', 28)).toBe('2026-06-30');
    // Would end on 1 July: that one July day is skipped as is the rest of July → 1 August.
    expect(julyAwareDeadline('2026-06-03', 28)).toBe('2026-08-01');
    // Opens on 31 July: counting starts in August.
    expect(julyAwareDeadline('2026-07-31', 28)).toBe('2026-08-28');
    // Opens inside July: all of the remaining July days are skipped.
    expect(julyAwareDeadline('2026-07-10', 21)).toBe('2026-08-21');
  });

  it('counts days without July', () => {
    expect(countedDays('2026-06-10', '2026-08-08')).toBe(28);
    expect(countedDays('2026-07-01', '2026-07-31')).toBe(0);
    expect(countedDays('2026-06-30', '2026-07-01')).toBe(0);
    expect(countedDays('2026-06-29', '2026-06-30')).toBe(1);
  });

  it('is open from the opening day through the deadline day', () => {
    const window = { opensOn: '2026-03-02', closesOn: '2026-03-30' };
    expect(consultationState(window, '2026-03-01')).toBe('upcoming');
    expect(consultationState(window, '2026-03-02')).toBe('open');
    expect(consultationState(window, '2026-03-30')).toBe('open');
    expect(consultationState(window, '2026-03-31')).toBe('closed');
  });
});
