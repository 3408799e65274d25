import ScheduleSendIcon from '@mui/icons-material/ScheduleSend';
import SendIcon from '@mui/icons-material/Send';
import MarkEmailReadIcon from '@mui/icons-material/MarkEmailRead';
import { Box, Stack, Typography } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Button, EditButton, Show, TopToolbar, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import type { Campaign } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { CardSection } from '../shared/sections';
import { fieldErrorsOf, messageOf } from '../shared/httpErrors';
import { CampaignPreview } from './CampaignPreview';
import { audienceText, CampaignStatusChip, isEditable, isUnderway } from './NewsletterChips';
import { SendCampaignDialog, type SendMode } from './SendCampaignDialog';
import { SendProgress } from './SendProgress';
import { formatOsloShortDateTime } from '../../../content-model';

const FAST_POLL_MS = 2_500;
const SLOW_POLL_MS = 30_000;

/**
 * While a send is underway the page asks for the campaign every 2.5 s; a send planned for later
 * than two minutes from now is checked only every 30 s. Nothing is polled once it is sent.
 */
function pollInterval(query: { state: { data?: Campaign | undefined } }): number | false {
  const campaign = query.state.data;
  if (!campaign || !isUnderway(campaign)) return false;
  if (campaign.status === 'scheduled' && campaign.scheduledAt && new Date(campaign.scheduledAt).getTime() - Date.now() > 120_000) return SLOW_POLL_MS;
  return FAST_POLL_MS;
}

function TestSendButton() {
  const campaign = useRecordContext<Campaign>();
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  if (!campaign) return null;

  async function sendTest() {
    if (!campaign) return;
    setBusy(true);
    try {
      const sentTo = await dataProvider.sendTestCampaign(String(campaign.id));
      notify(`Testen er sendt til ${sentTo}`, { type: 'success' });
    } catch (error) {
      notify(messageOf(error, 'Testen kunne ikke sendes'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button label="Send test til meg" onClick={() => void sendTest()} disabled={busy} variant="outlined">
      <MarkEmailReadIcon />
    </Button>
  );
}

function SendActions() {
  const campaign = useRecordContext<Campaign>();
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [pending, setPending] = useState<SendMode | null>(null);
  const [busy, setBusy] = useState(false);
  const [timeError, setTimeError] = useState<string | undefined>();
  if (!campaign || !isEditable(campaign)) return null;

  async function send(scheduledAt?: string) {
    if (!campaign) return;
    setBusy(true);
    setTimeError(undefined);
    try {
      const updated = await dataProvider.sendCampaign(String(campaign.id), { expectedRevision: campaign.revision, ...(scheduledAt ? { scheduledAt } : {}) });
      notify(
        scheduledAt && updated.scheduledAt
          ? `Nyhetsbrevet er planlagt sendt ${formatOsloShortDateTime(updated.scheduledAt)}`
          : 'Nyhetsbrevet sendes – utsendelsen starter innen et minutt',
        { type: 'success' },
      );
      setPending(null);
      refresh();
    } catch (error) {
      const { scheduledAt: onTime } = fieldErrorsOf(error);
      if (onTime) setTimeError(onTime);
      else notify(messageOf(error, 'Utsendelsen kunne ikke startes'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  }

  // Once the planned time has come, the dispatcher has it: sending "now" again would change nothing.
  const waitingForLater = campaign.status === 'draft' || (campaign.scheduledAt !== null && new Date(campaign.scheduledAt).getTime() > Date.now());
  return (
    <>
      <Button
        label={campaign.status === 'scheduled' ? 'Endre tidspunkt' : 'Planlegg utsending'}
        onClick={() => setPending('schedule')}
        disabled={busy}
        variant="outlined"
      >
        <ScheduleSendIcon />
      </Button>
      {waitingForLater ? (
        <Button label="Send nå" onClick={() => setPending('now')} disabled={busy} variant="contained">
          <SendIcon />
        </Button>
      ) : null}
      {pending ? (
        <SendCampaignDialog
          mode={pending}
          campaign={campaign}
          busy={busy}
          serverError={timeError}
          onCancel={() => {
            setPending(null);
            setTimeError(undefined);
          }}
          onSend={(scheduledAt) => void send(scheduledAt)}
        />
      ) : null}
    </>
  );
}

function ShowActions() {
  const campaign = useRecordContext<Campaign>();
  return (
    <TopToolbar sx={{ alignItems: 'center', gap: 1 }}>
      <TestSendButton />
      <SendActions />
      {/* Editing ends when preparation starts: from then on the text is what recipients get. */}
      {campaign && isEditable(campaign) ? <EditButton label="Rediger" /> : null}
    </TopToolbar>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </>
  );
}

function CampaignContent() {
  const campaign = useRecordContext<Campaign>();
  if (!campaign) return null;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Box>
        <Typography variant="h5" component="h1">
          {campaign.subject}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ my: 1, alignItems: 'center', flexWrap: 'wrap' }} role="group" aria-label="Status">
          <CampaignStatusChip status={campaign.status} />
          <Typography variant="body2">{audienceText(campaign)}</Typography>
        </Stack>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, mt: 1 }}>
          <Fact label="Opprettet">{`${formatOsloShortDateTime(campaign.createdAt)} av ${campaign.createdBy}`}</Fact>
          <Fact label="Sist endret">{`${formatOsloShortDateTime(campaign.lastChangedAt)} av ${campaign.lastChangedBy}`}</Fact>
          <Fact label="Lenker til produkter">{campaign.linkedProducts.length ? campaign.linkedProducts.join(', ') : '–'}</Fact>
          {campaign.scheduledAt ? <Fact label="Planlagt">{formatOsloShortDateTime(campaign.scheduledAt)}</Fact> : null}
          {campaign.sentAt ? <Fact label="Sendt">{formatOsloShortDateTime(campaign.sentAt)}</Fact> : null}
        </Box>
      </Box>
      <CardSection variant="outlined" id="campaign-progress" title="Utsendelse">
        <SendProgress campaign={campaign} />
      </CardSection>
      <CardSection variant="outlined" id="campaign-preview" title="Forhåndsvisning">
        <CampaignPreview campaign={campaign} />
      </CardSection>
    </Stack>
  );
}

function CampaignTitle() {
  const campaign = useRecordContext<Campaign>();
  return <span>{campaign ? `Nyhetsbrev: ${campaign.subject}` : 'Nyhetsbrev'}</span>;
}

/** One issue: who it goes to, the preview, test and real send, and the live progress of the send. */
export function CampaignShow() {
  return (
    <Show title={<CampaignTitle />} actions={<ShowActions />} queryOptions={{ refetchInterval: pollInterval }}>
      <CampaignContent />
    </Show>
  );
}
