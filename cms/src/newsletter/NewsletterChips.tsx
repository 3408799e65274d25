import { Box, Chip, LinearProgress, Typography } from '@mui/material';
import {
  campaignStatuses,
  formatNumber,
  interests,
  subscriberStatuses,
  type Campaign,
  type CampaignStatus,
  type Interest,
  type SubscriberStatus,
} from '../../../content-model';
import { choicesFrom } from '../products/choices';

type ChipColour = 'default' | 'primary' | 'secondary' | 'error' | 'info' | 'success' | 'warning';

export const interestChoices = choicesFrom(interests.labels);
export const campaignStatusChoices = choicesFrom(campaignStatuses.labels);
export const subscriberStatusChoices = choicesFrom(subscriberStatuses.labels);

/** Once preparation has started the text is final: no more editing or re-sending. */
export function isEditable(campaign: Pick<Campaign, 'status'>): boolean {
  return campaign.status === 'draft' || campaign.status === 'scheduled';
}

/** Scheduled, preparing and sending: the page follows the progress. */
export function isUnderway(campaign: Pick<Campaign, 'status'>): boolean {
  return campaign.status === 'scheduled' || campaign.status === 'preparing' || campaign.status === 'sending';
}

const campaignStatusColours: Record<CampaignStatus, ChipColour> = {
  draft: 'default',
  scheduled: 'info',
  preparing: 'warning',
  sending: 'warning',
  sent: 'success',
};

const subscriberStatusColours: Record<SubscriberStatus, ChipColour> = {
  pending: 'default',
  confirmed: 'success',
  unsubscribed: 'default',
  suppressed: 'error',
};

/** Colour and text together, so the status reads without relying on colour. */
export function CampaignStatusChip({ status }: { status: CampaignStatus }) {
  return (
    <Chip size="small" color={campaignStatusColours[status]} variant={status === 'draft' ? 'outlined' : 'filled'} label={campaignStatuses.labels[status]} />
  );
}

export function SubscriberStatusChip({ status }: { status: SubscriberStatus }) {
  return (
    <Chip
      size="small"
      color={subscriberStatusColours[status]}
      variant={status === 'unsubscribed' || status === 'pending' ? 'outlined' : 'filled'}
      label={subscriberStatuses.labels[status]}
    />
  );
}

export function interestNames(codes: readonly Interest[]): string {
  return codes.map((code) => interests.labels[code]).join(', ');
}

/** Who gets an issue: no interests means the general news to everyone confirmed. */
export function audienceText(campaign: Pick<Campaign, 'interests'>): string {
  return campaign.interests.length === 0
    ? 'Generelle nyheter – alle bekreftede abonnenter'
    : `Bekreftede abonnenter som har valgt ${campaign.interests.map((code) => `«${interests.labels[code]}»`).join(' eller ')}`;
}

/** Recipients dealt with so far (sent, failed or skipped), as a share of all. */
export function processedShare(progress: Campaign['progress']): number {
  if (progress.recipients === 0) return 0;
  return Math.min(100, Math.round(((progress.sent + progress.failed + progress.skipped) / progress.recipients) * 100));
}

/** A compact "sendt X av Y" with a bar, for the list. */
export function CompactProgress({ campaign }: { campaign: Campaign }) {
  if (campaign.status === 'draft') return <span>–</span>;
  if (campaign.status === 'scheduled' || campaign.status === 'preparing') {
    return (
      <Typography variant="body2" color="text.secondary">
        Ikke startet
      </Typography>
    );
  }
  const { progress } = campaign;
  return (
    <Box sx={{ minWidth: 140 }}>
      <Typography variant="body2" sx={{ whiteSpace: 'nowrap' }}>
        Sendt {formatNumber(progress.sent)} av {formatNumber(progress.recipients)}
        {progress.failed > 0 ? ` · ${formatNumber(progress.failed)} feilet` : ''}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={processedShare(progress)}
        color={progress.failed > 0 ? 'warning' : campaign.status === 'sent' ? 'success' : 'primary'}
        aria-label={`Sendt ${progress.sent} av ${progress.recipients}`}
      />
    </Box>
  );
}
