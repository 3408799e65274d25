import type { GovernanceLevel, ProductType, TopicCategory } from './vocabularies';
import { addMonths } from './dates';

/**
 * The review policy (governance model chapter 7, local/seed-content/forvaltningsmodell.txt): months between evaluations.
 * "Prioritised" products are core topics or about the risk picture or technology; they are
 * evaluated more often. This table is the one place to change the policy.
 */
export const reviewPolicy = {
  intervalMonths: {
    1: { prioritised: 6, other: 12 },
    2: { prioritised: 6, other: 12 },
    3: { prioritised: 6, other: 12 },
    4: { prioritised: 24, other: 24 },
  } satisfies Record<GovernanceLevel, { prioritised: number; other: number }>,
  /** Product types that are never evaluated on a cycle. */
  exemptTypes: ['news-article', 'course'] as readonly ProductType[],
  /** Days before the due date at which the owner is reminded. */
  reminderDaysBefore: [60, 30, 7] as readonly number[],
} as const;

export interface ReviewSubject {
  type: ProductType;
  level: GovernanceLevel;
  topicCategory: TopicCategory;
  riskOrTechnology: boolean;
}

export function reviewIntervalMonths(subject: ReviewSubject): number | null {
  if (reviewPolicy.exemptTypes.includes(subject.type)) return null;
  const intervals = reviewPolicy.intervalMonths[subject.level];
  const prioritised = subject.topicCategory === 'core' || subject.riskOrTechnology;
  return prioritised ? intervals.prioritised : intervals.other;
}

/** Next due date: last evaluation (or publication) + interval. Dates are Oslo calendar dates. */
export function nextEvaluationDue(subject: ReviewSubject, lastEvaluatedOrPublished: string): string | null {
  const months = reviewIntervalMonths(subject);
  return months === null ? null : addMonths(lastEvaluatedOrPublished, months);
}
