import {
  addDays,
  daysBetween,
  formatNumber,
  formatOsloDate,
  governanceLevels,
  osloDate,
  reviewPolicy,
  type JobEffects,
  type Product,
} from '../../content-model';
import { ConflictError } from '../shared/errors';
import { paragraph, signature, type Email } from '../shared/email/blocks';
import type { JobOutcome } from '../jobs/runner';
import type { Store } from '../store';
import type { ReminderThreshold } from './reminder-repository';
import type { Platform } from '../shared/platform';

export type ReviewCheckDependencies = Pick<Platform, 'store' | 'mailer' | 'clock' | 'cmsUrl'>;

const SYSTEM_ACTOR = 'system:review-check';

/** The tightest reminder whose window contains the due date, or "overdue" once it has passed. */
export function reminderThreshold(daysLeft: number): ReminderThreshold | null {
  if (daysLeft < 0) return 'overdue';
  const thresholds = [...reviewPolicy.reminderDaysBefore].sort((a, b) => a - b);
  const threshold = thresholds.find((days) => daysLeft <= days);
  return threshold === 7 || threshold === 30 || threshold === 60 ? threshold : null;
}

interface DueReminder {
  product: Product;
  dueDate: string;
  daysLeft: number;
  threshold: ReminderThreshold;
}

/**
 * The daily review check (governance model chapter 8): each owner gets one digest of their products
 * due in 60, 30 and 7 days and overdue ones (each reminder once, however often the job runs), and
 * products past their due date without an evaluation are marked not current.
 */
export async function runReviewCheck({ store, mailer, clock, cmsUrl }: ReviewCheckDependencies): Promise<JobOutcome> {
  const now = clock.now();
  const today = osloDate(now);
  const at = now.toISOString();
  const errors: string[] = [];
  const horizon = addDays(today, Math.max(...reviewPolicy.reminderDaysBefore));
  const due = await store.products.listDueBy(horizon);

  let markedNotCurrent = 0;
  const reminders: DueReminder[] = [];
  for (const product of due) {
    const dueDate = product.nextEvaluationDue;
    if (!dueDate) continue;
    const daysLeft = daysBetween(today, dueDate);
    if (daysLeft < 0 && product.notCurrentReason === null) {
      try {
        await markNotCurrent(store, product, at);
        markedNotCurrent += 1;
      } catch (error) {
        // An editor changed the product in the same instant; the next run marks it if still due.
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    const threshold = reminderThreshold(daysLeft);
    if (threshold && (await store.reminders.tryClaim(product.id, dueDate, threshold, at))) {
      reminders.push({ product, dueDate, daysLeft, threshold });
    }
  }

  const byOwner = new Map<string, DueReminder[]>();
  for (const reminder of reminders) {
    const email = reminder.product.owner.email.toLowerCase();
    byOwner.set(email, [...(byOwner.get(email) ?? []), reminder]);
  }
  let emailsSent = 0;
  let remindersSent = 0;
  for (const [email, ownerReminders] of byOwner) {
    try {
      await mailer.send({ to: email, ...reviewDigest(ownerReminders, cmsUrl) });
      emailsSent += 1;
      remindersSent += ownerReminders.length;
    } catch (error) {
      errors.push(`Kunne ikke sende påminnelse til ${email}: ${error instanceof Error ? error.message : String(error)}`);
      await Promise.all(ownerReminders.map((reminder) => store.reminders.release(reminder.product.id, reminder.dueDate, reminder.threshold)));
    }
  }

  return {
    counts: {
      dueProducts: due.length,
      remindersSent,
      emailsSent,
      markedNotCurrent,
    },
    errors,
  };
}

/**
 * What the review check would do now, without claiming, marking or sending: the products it
 * would mark not current and the owners who would get a digest.
 */
export async function previewReviewCheck({ store, clock }: Pick<ReviewCheckDependencies, 'store' | 'clock'>): Promise<JobEffects> {
  const today = osloDate(clock.now());
  const due = await store.products.listDueBy(addDays(today, Math.max(...reviewPolicy.reminderDaysBefore)));
  const becomeNotCurrent: JobEffects['becomeNotCurrent'] = [];
  const owners = new Set<string>();
  let reminders = 0;
  for (const product of due) {
    const dueDate = product.nextEvaluationDue;
    if (!dueDate) continue;
    const daysLeft = daysBetween(today, dueDate);
    if (daysLeft < 0 && product.notCurrentReason === null) becomeNotCurrent.push({ id: product.id, title: product.title });
    const threshold = reminderThreshold(daysLeft);
    if (threshold && !(await store.reminders.wasSent(product.id, dueDate, threshold))) {
      owners.add(product.owner.email.toLowerCase());
      reminders += 1;
    }
  }
  return {
    recipients: owners.size,
    becomeNotCurrent,
    effects: reminders > 0 ? [`${formatNumber(reminders)} ${reminders === 1 ? 'påminnelse' : 'påminnelser'} om evaluering, samlet i én e-post per eier`] : [],
  };
}

async function markNotCurrent(store: Store, product: Product, at: string): Promise<void> {
  const next: Product = { ...product, notCurrentReason: 'overdue', revision: product.revision + 1 };
  const published = await store.published.get(product.id);
  await store.transact([
    store.products.update(next, product.revision),
    ...(published ? [store.published.put({ ...published, notCurrentReason: 'overdue' })] : []),
    store.audit.insert({
      entityType: 'product',
      entityId: product.id,
      at,
      by: SYSTEM_ACTOR,
      action: 'marked-not-current',
      changes: ['notCurrentReason'],
      version: product.publishedVersion ?? undefined,
      revision: next.revision,
      note: product.nextEvaluationDue ? `Evalueringsfristen ${formatOsloDate(product.nextEvaluationDue)} er passert` : 'Evalueringsfristen er passert',
    }),
  ]);
}

function describe(reminder: Pick<DueReminder, 'daysLeft' | 'dueDate'>): string {
  if (reminder.daysLeft < 0) return `fristen gikk ut ${formatOsloDate(reminder.dueDate)} – produktet vises nå som ikke gjeldende`;
  if (reminder.daysLeft === 0) return `forfaller i dag (${formatOsloDate(reminder.dueDate)})`;
  return `forfaller om ${reminder.daysLeft} dager (${formatOsloDate(reminder.dueDate)})`;
}

/** A product in an owner's digest, and how it stands. */
export type DigestEntry = Pick<DueReminder, 'dueDate' | 'daysLeft'> & { product: Pick<Product, 'id' | 'title' | 'level'> };

/** One owner's digest: each product once, linked by its title, with its level and its due date. */
export function reviewDigest(reminders: DigestEntry[], cmsUrl: string): Email {
  const sorted = [...reminders].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  const overdue = sorted.filter((reminder) => reminder.daysLeft < 0).length;
  const subject =
    overdue > 0
      ? `Normen: ${overdue} ${overdue === 1 ? 'produkt har' : 'produkter har'} passert evalueringsfristen`
      : `Normen: ${sorted.length} ${sorted.length === 1 ? 'produkt skal' : 'produkter skal'} evalueres snart`;
  const link = (product: DigestEntry['product']) => `${cmsUrl}#/products/${encodeURIComponent(product.id)}/show`;
  return {
    subject,
    blocks: [
      paragraph('Hei,'),
      {
        kind: 'list',
        title: 'Disse produktene du er eier av, skal evalueres:',
        items: sorted.map((reminder) => ({
          link: { label: reminder.product.title, url: link(reminder.product) },
          text: ` (${governanceLevels.labels[`${reminder.product.level}`]}): ${describe(reminder)}`,
        })),
      },
      paragraph('Registrer evalueringen i Normens publiseringsløsning når den er gjort.'),
      signature,
    ],
  };
}
