import { createHmac } from 'node:crypto';
import { osloDate } from '../../content-model';
import type { Store } from '../store';

/** Who is downloading, as the request shows it; used only to derive a key, never stored. */
export interface DownloadClient {
  sourceIp: string;
  userAgent: string;
}

/** Markers and the day's salt live a day past the Oslo day they count (TTL deletion may lag further). */
const markerLifetimeSeconds = 2 * 86_400;

/**
 * Counts a download at most once per client per product per Oslo day, so repeated requests cannot
 * inflate the numbers the priority report ranks products by. The client key is an HMAC-SHA256 of
 * address and user agent under a random salt that exists for one day only: the stored key cannot be
 * reversed, cannot be linked across days, and once the salt has expired cannot be recomputed.
 */
export async function countDownload(store: Pick<Store, 'downloads'>, productId: string, client: DownloadClient, now: Date): Promise<boolean> {
  const day = osloDate(now);
  const expiresAt = Math.floor(now.getTime() / 1000) + markerLifetimeSeconds;
  const salt = await store.downloads.dailySalt(day, expiresAt);
  const clientKey = createHmac('sha256', salt).update(`${client.sourceIp}\n${client.userAgent}`).digest('base64url');
  return store.downloads.countOnce({ productId, day, month: day.slice(0, 7), clientKey, expiresAt });
}
