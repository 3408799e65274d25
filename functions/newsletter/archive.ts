import type { Campaign } from '../../content-model';
import { NotFoundError } from '../shared/errors';
import type { Platform } from '../shared/platform';

const archived = ({ id, subject, sentAt, interests, body }: Campaign) => ({ id, subject, sentAt: sentAt ?? '', interests, body });

/** The public archive: every issue that has been sent, newest first. */
export async function listArchivedNewsletters({ store }: Pick<Platform, 'store'>) {
  const sent = (await store.campaigns.list()).filter((campaign) => campaign.status === 'sent' && campaign.sentAt);
  return {
    items: sent.map((campaign) => {
      const { body: _body, ...summary } = archived(campaign);
      return summary;
    }),
  };
}

export async function getArchivedNewsletter({ store }: Pick<Platform, 'store'>, id: string) {
  const campaign = await store.campaigns.get(id);
  if (campaign?.status !== 'sent') throw new NotFoundError('Fant ikke noe sendt nyhetsbrev med denne id-en');
  return archived(campaign);
}
