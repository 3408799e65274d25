import { describe, expect, it } from 'vitest';
import {
  audienceMemberEntity,
  auditEntity,
  campaignEntity,
  caseCounterEntity,
  caseEntity,
  groupEntity,
  meetingEntity,
  memberEntity,
  consultationEntity,
  decisionEntity,
  downloadMarkerEntity,
  downloadSaltEntity,
  emailRetryEntity,
  evaluationEntity,
  eventDueEntity,
  eventEntity,
  eventMailingEntity,
  eventSeatsEntity,
  holdDueEntity,
  inputEntity,
  jobRunEntity,
  mailedEntity,
  monthlyDownloadsEntity,
  pendingMailingEntity,
  productEntity,
  publishedEntity,
  rateWindowEntity,
  recipientSendEntity,
  registrationEmailEntity,
  registrationEntity,
  reminderEntity,
  slugEntity,
  subscriberEmailEntity,
  subscriberEntity,
  versionEntity,
  waitlistEntryEntity,
} from '../../functions/shared/db/entities';

// The stored key texts, written out as the table holds them: a declaration that builds anything else
// would no longer find the items already stored (and the seeds).
describe('entity key declarations', () => {
  it('build the keys the table already holds', () => {
    const cases: [{ pk: string; sk: string }, { pk: string; sk: string }][] = [
      [productEntity.key({ id: 'p1' }), { pk: 'PRODUCT#p1', sk: 'PRODUCT' }],
      [slugEntity.key({ slug: 'veileder-x' }), { pk: 'SLUG#veileder-x', sk: 'SLUG' }],
      [publishedEntity.key({ productId: 'p1' }), { pk: 'PRODUCT#p1', sk: 'PUBLISHED' }],
      [versionEntity.key({ productId: 'p1', version: 12 }), { pk: 'PRODUCT#p1', sk: 'VERSION#0012' }],
      [decisionEntity.key({ productId: 'p1', date: '2026-11-22', reference: 'SG-7' }), { pk: 'PRODUCT#p1', sk: 'DECISION#2026-11-22#SG-7' }],
      [evaluationEntity.key({ productId: 'p1', evaluatedOn: '2026-11-22', id: 'e1' }), { pk: 'PRODUCT#p1', sk: 'EVALUATION#2026-11-22#e1' }],
      [reminderEntity.key({ productId: 'p1', dueDate: '2027-01-01', threshold: 30 }), { pk: 'PRODUCT#p1', sk: 'REMINDER#2027-01-01#30' }],
      [reminderEntity.key({ productId: 'p1', dueDate: '2027-01-01', threshold: 'overdue' }), { pk: 'PRODUCT#p1', sk: 'REMINDER#2027-01-01#overdue' }],
      [monthlyDownloadsEntity.key({ productId: 'p1', month: '2026-11' }), { pk: 'PRODUCT#p1', sk: 'DOWNLOADS#2026-11' }],
      [downloadMarkerEntity.key({ productId: 'p1', day: '2026-11-22', clientKey: 'k' }), { pk: 'DOWNLOADED#p1#2026-11-22', sk: 'CLIENT#k' }],
      [downloadSaltEntity.key({ day: '2026-11-22' }), { pk: 'DOWNLOAD-SALT', sk: 'DAY#2026-11-22' }],
      [consultationEntity.key({ id: 'c1' }), { pk: 'CONSULTATION#c1', sk: 'CONSULTATION' }],
      [inputEntity.key({ consultationId: 'general', id: 'i1' }), { pk: 'CONSULTATION#general', sk: 'INPUT#i1' }],
      [eventEntity.key({ id: 'ev1' }), { pk: 'EVENT#ev1', sk: 'EVENT' }],
      [eventSeatsEntity.key({ eventId: 'ev1' }), { pk: 'EVENT#ev1', sk: 'SEATS' }],
      [
        eventDueEntity.key({ work: 'reminder', at: '2026-12-01T08:00:00.000Z', eventId: 'ev1' }),
        { pk: 'EVENTS_DUE#reminder', sk: '2026-12-01T08:00:00.000Z#ev1' },
      ],
      [registrationEntity.key({ eventId: 'ev1', id: 'r1' }), { pk: 'EVENT#ev1', sk: 'REG#r1' }],
      [registrationEmailEntity.key({ eventId: 'ev1', email: 'kari@example.no' }), { pk: 'EVENT#ev1', sk: 'EMAIL#kari@example.no' }],
      [waitlistEntryEntity.key({ eventId: 'ev1', mode: 'in-person', waitlistKey: 'w1' }), { pk: 'EVENT#ev1', sk: 'WAIT#in-person#w1' }],
      [
        holdDueEntity.key({ heldUntil: '2026-12-01T08:00:00.000Z', eventId: 'ev1', registrationId: 'r1' }),
        { pk: 'HOLDS_DUE', sk: '2026-12-01T08:00:00.000Z#ev1#r1' },
      ],
      [eventMailingEntity.key({ eventId: 'ev1', id: 'm1' }), { pk: 'EVENT#ev1', sk: 'MAILING#m1' }],
      [pendingMailingEntity.key({ eventId: 'ev1', mailingId: 'm1' }), { pk: 'EVENT_MAILINGS_PENDING', sk: 'ev1#m1' }],
      [mailedEntity.key({ eventId: 'ev1', mailingId: 'm1', registrationId: 'r1' }), { pk: 'EVENT#ev1', sk: 'MAILED#m1#r1' }],
      [campaignEntity.key({ id: 'n1' }), { pk: 'CAMPAIGN#n1', sk: 'CAMPAIGN' }],
      [recipientSendEntity.key({ campaignId: 'n1', subscriberId: 's1' }), { pk: 'CAMPAIGN#n1', sk: 'RCPT#s1' }],
      [subscriberEntity.key({ id: 's1' }), { pk: 'SUBSCRIBER#s1', sk: 'SUBSCRIBER' }],
      [subscriberEmailEntity.key({ email: 'kari@example.no' }), { pk: 'SUBSCRIBER_EMAIL#kari@example.no', sk: 'SUBSCRIBER_EMAIL' }],
      [audienceMemberEntity.key({ audience: 'all', subscriberId: 's1' }), { pk: 'AUDIENCE#all', sk: 'SUBSCRIBER#s1' }],
      [
        jobRunEntity.key({ job: 'review-check', startedAt: '2026-11-22T06:00:00.000Z', runId: 'run1' }),
        { pk: 'JOB#review-check', sk: 'RUN#2026-11-22T06:00:00.000Z#run1' },
      ],
      [
        emailRetryEntity.key({ job: 'event-notifications', firstFailedAt: '2026-11-22T06:00:00.000Z', id: 'x1' }),
        { pk: 'EMAIL_RETRY#event-notifications', sk: '2026-11-22T06:00:00.000Z#x1' },
      ],
      [rateWindowEntity.key({ scope: 'inputs', client: 'abc', window: 29_000_000 }), { pk: 'RATE#inputs#abc', sk: 'WINDOW#29000000' }],
      [
        auditEntity.key({ entityType: 'consultation', entityId: 'c1', at: '2026-11-22T06:00:00.000Z', revision: 3, unique: 'u1' }),
        { pk: 'CONSULTATION#c1', sk: 'AUDIT#2026-11-22T06:00:00.000Z#000003#u1' },
      ],
      [groupEntity.key({ id: 'g1' }), { pk: 'GROUP#g1', sk: 'GROUP' }],
      [memberEntity.key({ groupId: 'g1', id: 'm1' }), { pk: 'GROUP#g1', sk: 'MEMBER#m1' }],
      [meetingEntity.key({ id: 'mt1' }), { pk: 'MEETING#mt1', sk: 'MEETING' }],
      [caseEntity.key({ id: '2025-04' }), { pk: 'CASE#2025-04', sk: 'CASE' }],
      [caseCounterEntity.key({ year: 2025 }), { pk: 'CASE_COUNTER', sk: 'YEAR#2025' }],
      [
        auditEntity.key({ entityType: 'case', entityId: '2025-04', at: '2025-06-03T08:00:00.000Z', revision: 2, unique: 'u1' }),
        { pk: 'CASE#2025-04', sk: 'AUDIT#2025-06-03T08:00:00.000Z#000002#u1' },
      ],
    ];
    for (const [built, stored] of cases) expect(built).toEqual(stored);
  });

  it('build partitions and the sort-key prefixes the queries read', () => {
    expect(versionEntity.partition({ productId: 'p1' })).toBe('PRODUCT#p1');
    expect(versionEntity.sortPrefix()).toBe('VERSION#');
    expect(decisionEntity.sortPrefix()).toBe('DECISION#');
    expect(evaluationEntity.sortPrefix()).toBe('EVALUATION#');
    expect(registrationEntity.sortPrefix()).toBe('REG#');
    expect(waitlistEntryEntity.sortPrefix({ mode: 'streaming' })).toBe('WAIT#streaming#');
    expect(eventDueEntity.sortPrefix({ at: '2026-12-01T08:00:00.000Z' })).toBe('2026-12-01T08:00:00.000Z#');
    expect(holdDueEntity.partition({})).toBe('HOLDS_DUE');
    expect(monthlyDownloadsEntity.sortKey({ month: '9999' })).toBe('DOWNLOADS#9999');
    expect(auditEntity.partition({ entityType: 'event', entityId: 'ev1' })).toBe('EVENT#ev1');
    expect(auditEntity.sortPrefix()).toBe('AUDIT#');
    expect(recipientSendEntity.sortPrefix()).toBe('RCPT#');
    // A prefix stops at the first slot without a value, even when a later one has one.
    expect(decisionEntity.sortPrefix({ reference: 'SG-7' })).toBe('DECISION#');
  });

  it('write the generic index attributes of the table definition', () => {
    expect(productEntity.index('catalogue', { id: 'p1' })).toEqual({ gsi1pk: 'CATALOGUE', gsi1sk: 'PRODUCT#p1' });
    expect(productEntity.index('due', { nextEvaluationDue: '2027-01-01', id: 'p1' })).toEqual({ gsi3pk: 'DUE', gsi3sk: '2027-01-01#p1' });
    expect(productEntity.notIndexed('due')).toEqual({ gsi3pk: undefined, gsi3sk: undefined });
    expect(publishedEntity.index('shelf', { shelf: 'DELIVERY', type: 'guide', title: 'tittel', slug: 'tittel' })).toEqual({
      gsi2pk: 'DELIVERY',
      gsi2sk: 'guide#tittel#tittel',
    });
    expect(consultationEntity.index('catalogue', { closesOn: '2027-01-01', id: 'c1' })).toEqual({ gsi1pk: 'CONSULTATIONS', gsi1sk: '2027-01-01#c1' });
    expect(eventEntity.index('catalogue', { startsAt: '2027-01-01T08:00:00.000Z', id: 'ev1' })).toEqual({
      gsi1pk: 'EVENTS',
      gsi1sk: '2027-01-01T08:00:00.000Z#ev1',
    });
    expect(campaignEntity.index('catalogue', { createdAt: '2026-11-22T06:00:00.000Z', id: 'n1' })).toEqual({
      gsi1pk: 'CAMPAIGNS',
      gsi1sk: '2026-11-22T06:00:00.000Z#n1',
    });
    expect(inputEntity.index('untriaged', { submittedAt: '2026-11-22T06:00:00.000Z', consultationId: 'general', id: 'i1' })).toEqual({
      gsi1pk: 'INPUTS_NEW',
      gsi1sk: '2026-11-22T06:00:00.000Z#general#i1',
    });
    expect(inputEntity.notIndexed('untriaged')).toEqual({ gsi1pk: undefined, gsi1sk: undefined });
    expect(subscriberEntity.index('catalogue', { email: 'kari@example.no', id: 's1' })).toEqual({ gsi1pk: 'SUBSCRIBERS', gsi1sk: 'kari@example.no#s1' });

    // Cases in number order in the catalogue; decided ones in the register, in the delivery index beside the published products.
    expect(caseEntity.index('catalogue', { year: 2025, sequence: 4 })).toEqual({ gsi1pk: 'CASES', gsi1sk: '2025#004' });
    expect(caseEntity.index('decisions', { decidedOn: '2025-06-03', year: 2025, sequence: 4 })).toEqual({ gsi2pk: 'DECISIONS', gsi2sk: '2025-06-03#2025#004' });
    expect(caseEntity.notIndexed('decisions')).toEqual({ gsi2pk: undefined, gsi2sk: undefined });

    const shelf = publishedEntity.indexQuery('shelf', { shelf: 'ARCHIVE' });
    expect(shelf.index).toEqual({ name: 'delivery', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' });
    expect(shelf.partition).toBe('ARCHIVE');
    expect(shelf.sortPrefix({ type: 'guide' })).toBe('guide#');
  });

  it('name the entity attribute as stored', () => {
    expect([productEntity.name, publishedEntity.name, eventSeatsEntity.name, recipientSendEntity.name]).toEqual([
      'product',
      'published',
      'event-seats',
      'recipient-send',
    ]);
  });
});
