import { createConsultationRepository } from './consultations/consultation-repository';
import { createEventRepository } from './events/event-repository';
import { createMailingRepository } from './events/mailing-repository';
import { createRegistrationRepository } from './events/registration-repository';
import { createCaseRepository } from './governance/case-repository';
import { createGroupRepository } from './governance/group-repository';
import { createMeetingRepository } from './governance/meeting-repository';
import { createInputRepository } from './inputs/input-repository';
import { createEmailRetryRepository } from './jobs/email-retry-repository';
import { createJobRunRepository } from './jobs/job-run-repository';
import { createCampaignRepository } from './newsletter/campaign-repository';
import { createRecipientSendRepository } from './newsletter/recipient-send-repository';
import { createSubscriberRepository } from './newsletter/subscriber-repository';
import { createDecisionRepository } from './products/repositories/decision-repository';
import { createDownloadRepository } from './products/repositories/download-repository';
import { createEvaluationRepository } from './products/repositories/evaluation-repository';
import { createProductRepository } from './products/repositories/product-repository';
import { createPublishedRepository } from './products/repositories/published-repository';
import { createVersionRepository } from './products/repositories/version-repository';
import { createReminderRepository } from './review/reminder-repository';
import { createAuditRepository } from './shared/audit/audit-repository';
import { transact, type Table, type TransactionStep } from './shared/db/client';
import { createUserAdminLock } from './users/user-admin-lock';

/** Every repository over the one table, plus atomic multi-writes across them. */
export function createStore(table: Table) {
  return {
    products: createProductRepository(table),
    versions: createVersionRepository(table),
    published: createPublishedRepository(table),
    decisions: createDecisionRepository(table),
    evaluations: createEvaluationRepository(table),
    downloads: createDownloadRepository(table),
    consultations: createConsultationRepository(table),
    inputs: createInputRepository(table),
    reminders: createReminderRepository(table),
    jobRuns: createJobRunRepository(table),
    emailRetries: createEmailRetryRepository(table),
    subscribers: createSubscriberRepository(table),
    campaigns: createCampaignRepository(table),
    sends: createRecipientSendRepository(table),
    events: createEventRepository(table),
    registrations: createRegistrationRepository(table),
    mailings: createMailingRepository(table),
    groups: createGroupRepository(table),
    meetings: createMeetingRepository(table),
    cases: createCaseRepository(table),
    audit: createAuditRepository(table),
    userAdminLock: createUserAdminLock(table),
    transact: (steps: TransactionStep[]) => transact(table, steps),
  };
}
export type Store = ReturnType<typeof createStore>;
