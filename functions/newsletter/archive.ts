import type { Campaign } from '../../content-model';
import { NotFoundError } from '../shared/errors';
import type { Store } from '../store';

const archived = ({ id, subject, sentAt, interests, body }: Campaign) => ({ id, subject, sentAt: sentAt ?? '', interests, body });

/** The public archive: every issue that has been sent, newest first. */
export async function listArchivedNewsletters({ store }: { store: Store }) {
  const sent = (await store.campaigns.list()).filter((campaign) => campaign.status === 'sent' && campaign.sentAt);
  return {
    items: sent.map((campaign) => {
      const { body: _body, ...summary } = archived(campaign);
      return summary;
    }),
  };
}

export async function getArchivedNewsletter({ store }: { store: Store }, id: string) {
  const campaign = await store.campaigns.get(id);
  if (campaign?.status !== 'sent') throw new NotFoundError('Fant ikke noe sendt nyhetsbrev med denne id-en');
  return archived(campaign);
}
