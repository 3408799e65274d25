import { randomUUID } from 'node:crypto';
import { applyEdits, interests, type Campaign, type CampaignInput, type CampaignPageQuery, type CampaignSend, type CampaignUpdate } from '../../content-model';
import type { Clock } from '../shared/clock';
import type { Page } from '../shared/db/client';
import { ConflictError, StaleRevisionError, NotFoundError, ValidationError } from '../shared/errors';
import { escapeHtml } from '../shared/html';
import type { Actor } from '../shared/http/request';
import type { Mailer } from '../shared/mailer';
import { buildRawEmail } from '../shared/mime';
import { sanitizeRichText } from '../shared/sanitize';
import type { Store } from '../store';
import { manageLinks } from './subscriptions';
import type { TokenSigner } from '../shared/link-tokens';

export interface CampaignDependencies {
  store: Store;
  clock: Clock;
  mailer: Mailer;
  tokens: TokenSigner;
  publicApiUrl: string;
  /** The sender (From), as configured for SES. */
  from: string;
}

const emptyProgress = { recipients: 0, sent: 0, failed: 0, skipped: 0, bounced: 0, complained: 0 };

async function assertLinkedProducts(store: Store, slugs: readonly string[]): Promise<void> {
  for (const [index, slug] of slugs.entries()) {
    if (!(await store.products.findIdBySlug(slug))) throw ValidationError.field(`linkedProducts.${index}`, `Ukjent produkt «${slug}»`);
  }
}

export async function createCampaign({ store, clock }: Pick<CampaignDependencies, 'store' | 'clock'>, actor: Actor, input: CampaignInput): Promise<Campaign> {
  await assertLinkedProducts(store, input.linkedProducts);
  const at = clock.now().toISOString();
  const campaign: Campaign = {
    ...input,
    body: sanitizeRichText(input.body),
    id: randomUUID(),
    status: 'draft',
    scheduledAt: null,
    preparedAt: null,
    sentAt: null,
    createdAt: at,
    createdBy: actor.username,
    lastChangedAt: at,
    lastChangedBy: actor.username,
    revision: 1,
    progress: emptyProgress,
  };
  await store.transact([store.campaigns.insert(campaign)]);
  return campaign;
}

export async function getCampaign({ store }: Pick<CampaignDependencies, 'store'>, id: string): Promise<Campaign> {
  const campaign = await store.campaigns.get(id);
  if (!campaign) throw new NotFoundError('Utsendelsen finnes ikke');
  return campaign;
}

/** Drafts and scheduled issues can be edited; once preparation has started, the text is final. */
export async function updateCampaign(
  { store, clock }: Pick<CampaignDependencies, 'store' | 'clock'>,
  actor: Actor,
  id: string,
  update: CampaignUpdate,
): Promise<Campaign> {
  const current = await getCampaign({ store }, id);
  if (current.revision !== update.expectedRevision) throw new StaleRevisionError('Utsendelsen');
  if (current.status !== 'draft' && current.status !== 'scheduled') throw new ConflictError('Utsendelsen er allerede sendt eller under sending');
  const { expectedRevision, ...fields } = update;
  if (fields.linkedProducts) await assertLinkedProducts(store, fields.linkedProducts);
  const next: Campaign = {
    ...applyEdits(current, fields),
    body: fields.body === undefined ? current.body : sanitizeRichText(fields.body),
    revision: current.revision + 1,
    lastChangedAt: clock.now().toISOString(),
    lastChangedBy: actor.username,
  };
  await store.transact([store.campaigns.update(next, expectedRevision)]);
  return next;
}

/** Sends now (the dispatcher picks it up within a minute) or at a set time. */
export async function scheduleCampaign(
  { store, clock }: Pick<CampaignDependencies, 'store' | 'clock'>,
  actor: Actor,
  id: string,
  request: CampaignSend,
): Promise<Campaign> {
  const current = await getCampaign({ store }, id);
  if (current.revision !== request.expectedRevision) throw new StaleRevisionError('Utsendelsen');
  if (current.status !== 'draft' && current.status !== 'scheduled') throw new ConflictError('Utsendelsen er allerede sendt eller under sending');
  const now = clock.now();
  if (request.scheduledAt && new Date(request.scheduledAt) < new Date(now.getTime() - 60_000)) {
    throw ValidationError.field('scheduledAt', 'Tidspunktet har allerede vært');
  }
  const next: Campaign = {
    ...current,
    status: 'scheduled',
    scheduledAt: request.scheduledAt ?? now.toISOString(),
    revision: current.revision + 1,
    lastChangedAt: now.toISOString(),
    lastChangedBy: actor.username,
  };
  await store.transact([
    store.campaigns.update(next, request.expectedRevision),
    store.audit.insert({
      entityType: 'campaign',
      entityId: id,
      at: now.toISOString(),
      by: actor.username,
      action: 'scheduled',
      changes: ['status'],
      revision: next.revision,
      note: `Sendes ${next.scheduledAt}`,
    }),
  ]);
  return next;
}

function htmlToText(html: string): string {
  return html
    .replace(/<a [^>]*href="([^"]+)"[^>]*>(.*?)<\/a>/gi, '$2 ($1)')
    .replace(/<li>/gi, '- ')
    .replace(/<\/(p|h2|h3|h4|li|blockquote|tr)>|<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/**
 * One recipient's email: the issue with their own preferences and unsubscribe links, and the
 * RFC 8058 headers that let mail clients offer one-click unsubscribe.
 */
export function renderCampaign(
  deps: Pick<CampaignDependencies, 'tokens' | 'publicApiUrl' | 'from'>,
  campaign: Pick<Campaign, 'id' | 'subject' | 'body' | 'interests' | 'linkedProducts'>,
  recipient: { subscriberId: string; email: string },
  now: Date,
): RenderedEmail {
  const links = manageLinks(deps, recipient.subscriberId, now);
  const productLinks = campaign.linkedProducts.map((slug) => `${deps.publicApiUrl}/content/products/${encodeURIComponent(slug)}`);
  const topics = campaign.interests.length ? campaign.interests.map((code) => interests.labels[code]).join(', ') : 'Generelle nyheter';
  const html = `<!doctype html><html lang="nb"><body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: auto">
<p style="color:#555">Nyhetsbrev fra Normen · ${escapeHtml(topics)}</p>
${campaign.body}
${productLinks.length ? `<h3>Les mer</h3><ul>${productLinks.map((link) => `<li><a href="${escapeHtml(link)}">${escapeHtml(link)}</a></li>`).join('')}</ul>` : ''}
<hr><p style="font-size: .9em; color: #555">Du får denne e-posten fordi du abonnerer på nyhetsbrevet fra Normen.
<a href="${escapeHtml(links.preferences)}">Endre interesser</a> · <a href="${escapeHtml(links.unsubscribe)}">Meld deg av</a></p>
</body></html>`;
  const text = [
    `Nyhetsbrev fra Normen · ${topics}`,
    '',
    htmlToText(campaign.body),
    ...(productLinks.length ? ['', 'Les mer:', ...productLinks] : []),
    '',
    '--',
    'Du får denne e-posten fordi du abonnerer på nyhetsbrevet fra Normen.',
    `Endre interesser: ${links.preferences}`,
    `Meld deg av: ${links.unsubscribe}`,
    `Referanse: ${campaign.id}.${recipient.subscriberId}`,
  ].join('\n');
  const mailbox = /<([^>]+)>/.exec(deps.from)?.[1] ?? deps.from;
  const domain = mailbox.split('@')[1] ?? 'normen.no';
  return {
    subject: campaign.subject,
    text,
    html,
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe}>, <mailto:avmelding@${domain}?subject=unsubscribe%20${recipient.subscriberId}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'X-Normen-Delivery': `${campaign.id}.${recipient.subscriberId}`,
    },
  };
}

/** What a recipient would get, rendered for the editor. */
export async function previewCampaign(deps: CampaignDependencies, actor: Actor, id: string): Promise<RenderedEmail> {
  const campaign = await getCampaign(deps, id);
  return renderCampaign(deps, campaign, { subscriberId: 'forhandsvisning', email: actor.username }, deps.clock.now());
}

/** The issue to the editor's own address, marked as a test; it reaches no subscriber. */
export async function sendTestCampaign(deps: CampaignDependencies, actor: Actor, id: string): Promise<{ sentTo: string }> {
  const campaign = await getCampaign(deps, id);
  const rendered = renderCampaign(deps, campaign, { subscriberId: 'test', email: actor.username }, deps.clock.now());
  await deps.mailer.sendRaw(
    buildRawEmail({
      from: deps.from,
      to: actor.username,
      subject: `[TEST] ${rendered.subject}`,
      text: rendered.text,
      html: rendered.html,
      headers: rendered.headers,
    }),
  );
  return { sentTo: actor.username };
}

/** The issues, newest first, a page at a time (GET /admin/campaigns). */
export function campaignPage({ store }: Pick<CampaignDependencies, 'store'>, query: CampaignPageQuery): Promise<Page<Campaign>> {
  return store.campaigns.page(query, (campaign) => !query.status || campaign.status === query.status);
}
