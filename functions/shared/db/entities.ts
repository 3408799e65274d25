import { entity, formatted, key, padded } from './keys';

/**
 * Every kind of item in the single table, with its keys and index entries: the table's whole key
 * design on one page. The key texts are the ones the table has always held (seeds and deployed
 * data are found by them); change one only together with a migration of the stored items.
 */

// Products: one partition per product holds the head item and everything that belongs to it.
export const productEntity = entity('product', {
  pk: key`PRODUCT#${'id'}`,
  sk: key`PRODUCT`,
  indexes: {
    catalogue: { index: 'catalogue', pk: key`CATALOGUE`, sk: key`PRODUCT#${'id'}` },
    /** Only published products are in it (a sparse index): the review check reads what is due. */
    due: { index: 'evaluationDue', pk: key`DUE`, sk: key`${'nextEvaluationDue'}#${'id'}` },
  },
});
export const slugEntity = entity('slug', { pk: key`SLUG#${'slug'}`, sk: key`SLUG` });
export const publishedEntity = entity('published', {
  pk: key`PRODUCT#${'productId'}`,
  sk: key`PUBLISHED`,
  indexes: {
    /** The public API's lists: `shelf` is DELIVERY (current) or ARCHIVE (retired); type first, so a type filter is a key condition. */
    shelf: { index: 'delivery', pk: key`${'shelf'}`, sk: key`${'type'}#${'title'}#${'slug'}` },
  },
});
export const versionEntity = entity('version', { pk: key`PRODUCT#${'productId'}`, sk: key`VERSION#${padded('version', 4)}` });
export const decisionEntity = entity('decision', { pk: key`PRODUCT#${'productId'}`, sk: key`DECISION#${'date'}#${'reference'}` });
export const evaluationEntity = entity('evaluation', { pk: key`PRODUCT#${'productId'}`, sk: key`EVALUATION#${'evaluatedOn'}#${'id'}` });
export const reminderEntity = entity('reminder', { pk: key`PRODUCT#${'productId'}`, sk: key`REMINDER#${'dueDate'}#${'threshold'}` });
export const monthlyDownloadsEntity = entity('downloads', { pk: key`PRODUCT#${'productId'}`, sk: key`DOWNLOADS#${'month'}` });
export const downloadMarkerEntity = entity('download-marker', { pk: key`DOWNLOADED#${'productId'}#${'day'}`, sk: key`CLIENT#${'clientKey'}` });
export const downloadSaltEntity = entity('download-salt', { pk: key`DOWNLOAD-SALT`, sk: key`DAY#${'day'}` });

// Consultations and the input given in them ("general" for needs outside a consultation).
export const consultationEntity = entity('consultation', {
  pk: key`CONSULTATION#${'id'}`,
  sk: key`CONSULTATION`,
  indexes: { catalogue: { index: 'catalogue', pk: key`CONSULTATIONS`, sk: key`${'closesOn'}#${'id'}` } },
});
export const inputEntity = entity('input', {
  pk: key`CONSULTATION#${'consultationId'}`,
  sk: key`INPUT#${'id'}`,
  indexes: {
    /** Only input still "Ny" is in it (a sparse index): the dashboard reads what waits for triage in one query. */
    untriaged: { index: 'catalogue', pk: key`INPUTS_NEW`, sk: key`${'submittedAt'}#${'consultationId'}#${'id'}` },
  },
});

// Events: registrations, their email claims and waitlist markers, mailings and seat counters share the event's partition.
export const eventEntity = entity('event', {
  pk: key`EVENT#${'id'}`,
  sk: key`EVENT`,
  indexes: { catalogue: { index: 'catalogue', pk: key`EVENTS`, sk: key`${'startsAt'}#${'id'}` } },
});
export const eventSeatsEntity = entity('event-seats', { pk: key`EVENT#${'eventId'}`, sk: key`SEATS` });
export const eventDueEntity = entity('event-due', { pk: key`EVENTS_DUE#${'work'}`, sk: key`${'at'}#${'eventId'}` });
export const registrationEntity = entity('registration', { pk: key`EVENT#${'eventId'}`, sk: key`REG#${'id'}` });
export const registrationEmailEntity = entity('registration-email', { pk: key`EVENT#${'eventId'}`, sk: key`EMAIL#${'email'}` });
export const waitlistEntryEntity = entity('waitlist-entry', { pk: key`EVENT#${'eventId'}`, sk: key`WAIT#${'mode'}#${'waitlistKey'}` });
export const holdDueEntity = entity('hold-due', { pk: key`HOLDS_DUE`, sk: key`${'heldUntil'}#${'eventId'}#${'registrationId'}` });
export const eventMailingEntity = entity('event-mailing', { pk: key`EVENT#${'eventId'}`, sk: key`MAILING#${'id'}` });
export const pendingMailingEntity = entity('event-mailing-pending', { pk: key`EVENT_MAILINGS_PENDING`, sk: key`${'eventId'}#${'mailingId'}` });
export const mailedEntity = entity('event-mailing-recipient', { pk: key`EVENT#${'eventId'}`, sk: key`MAILED#${'mailingId'}#${'registrationId'}` });

// Newsletter.
export const campaignEntity = entity('campaign', {
  pk: key`CAMPAIGN#${'id'}`,
  sk: key`CAMPAIGN`,
  indexes: { catalogue: { index: 'catalogue', pk: key`CAMPAIGNS`, sk: key`${'createdAt'}#${'id'}` } },
});
/** One recipient's send of a campaign (RCPT#, the prefix these records have always had). */
export const recipientSendEntity = entity('recipient-send', { pk: key`CAMPAIGN#${'campaignId'}`, sk: key`RCPT#${'subscriberId'}` });
export const subscriberEntity = entity('subscriber', {
  pk: key`SUBSCRIBER#${'id'}`,
  sk: key`SUBSCRIBER`,
  indexes: { catalogue: { index: 'catalogue', pk: key`SUBSCRIBERS`, sk: key`${'email'}#${'id'}` } },
});
export const subscriberEmailEntity = entity('subscriber-email', { pk: key`SUBSCRIBER_EMAIL#${'email'}`, sk: key`SUBSCRIBER_EMAIL` });
/** Confirmed subscribers per audience ("all" or an interest): a campaign reads its recipients from one partition. */
export const audienceMemberEntity = entity('audience-member', { pk: key`AUDIENCE#${'audience'}`, sk: key`SUBSCRIBER#${'subscriberId'}` });

// Operations.
export const jobRunEntity = entity('job-run', { pk: key`JOB#${'job'}`, sk: key`RUN#${'startedAt'}#${'runId'}` });
export const emailRetryEntity = entity('email-retry', { pk: key`EMAIL_RETRY#${'job'}`, sk: key`${'firstFailedAt'}#${'id'}` });
export const rateWindowEntity = entity('rate-window', { pk: key`RATE#${'scope'}#${'client'}`, sk: key`WINDOW#${'window'}` });
/** In the partition of the product, event, … it is about; `unique` keeps two records of one instant apart. */
export const auditEntity = entity('audit', {
  pk: key`${formatted('entityType', (type) => String(type).toUpperCase())}#${'entityId'}`,
  sk: key`AUDIT#${'at'}#${padded('revision', 6)}#${'unique'}`,
});
/** Held while an admin changes who is an admin, so two concurrent changes cannot both remove "the other" last admin. */
export const userAdminLockEntity = entity('user-admin-lock', { pk: key`USER_ADMIN`, sk: key`LOCK` });

// The steering group's work: groups with their members in the group's partition, meetings, and cases.
export const groupEntity = entity('group', {
  pk: key`GROUP#${'id'}`,
  sk: key`GROUP`,
  indexes: { catalogue: { index: 'catalogue', pk: key`GROUPS`, sk: key`${'createdAt'}#${'id'}` } },
});
export const memberEntity = entity('group-member', { pk: key`GROUP#${'groupId'}`, sk: key`MEMBER#${'id'}` });
export const meetingEntity = entity('meeting', {
  pk: key`MEETING#${'id'}`,
  sk: key`MEETING`,
  indexes: { catalogue: { index: 'catalogue', pk: key`MEETINGS`, sk: key`${'startsAt'}#${'id'}` } },
});
/** A case's id is its year and number ("2025-04"), so a reference by number is one strongly consistent read. */
export const caseEntity = entity('case', {
  pk: key`CASE#${'id'}`,
  sk: key`CASE`,
  indexes: {
    catalogue: { index: 'catalogue', pk: key`CASES`, sk: key`${'year'}#${padded('sequence', 3)}` },
    /** Only decided cases are in it (a sparse index): the decision register, newest first, for editors and the website. */
    decisions: { index: 'delivery', pk: key`DECISIONS`, sk: key`${'decidedOn'}#${'year'}#${padded('sequence', 3)}` },
  },
});
/** The last case number given in a year; moved only by a conditional write in the transaction that stores the case. */
export const caseCounterEntity = entity('case-counter', { pk: key`CASE_COUNTER`, sk: key`YEAR#${'year'}` });
