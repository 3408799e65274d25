import { Alert, CircularProgress, DialogContentText, Stack, TextField, Typography } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import { useDataProvider } from 'react-admin';
import type { Campaign } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { FormDialog } from '../shared/FormDialog';
import { audienceText } from './NewsletterChips';
import { formatNumber, formatOsloShortDateTime, fromOsloDateTimeLocal, toOsloDateTimeLocal } from '../../../content-model';

export type SendMode = 'now' | 'schedule';

/**
 * How many confirmed subscribers the issue would reach today: the union over its interests, or
 * everyone confirmed for general news. The dispatcher fixes the real list when it starts.
 */
function useAudienceSize(campaign: Campaign): number | null | 'failed' {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const [size, setSize] = useState<number | null | 'failed'>(null);
  const key = campaign.interests.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the interests array is new on every render; `key` says when it really changed.
  useEffect(() => {
    let cancelled = false;
    const queries =
      campaign.interests.length === 0 ? [{ status: 'confirmed' as const }] : campaign.interests.map((interest) => ({ status: 'confirmed' as const, interest }));
    Promise.all(queries.map((query) => dataProvider.listSubscribers(query))).then(
      (lists) => {
        if (!cancelled) setSize(new Set(lists.flat().map((subscriber) => subscriber.id)).size);
      },
      () => {
        if (!cancelled) setSize('failed');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [dataProvider, key]);
  return size;
}

/** The next whole hour in Oslo, at least 30 minutes away: a sensible first suggestion. */
function suggestedTime(now = new Date()): string {
  const next = new Date(now.getTime() + 30 * 60_000);
  next.setUTCMinutes(0, 0, 0);
  return toOsloDateTimeLocal(new Date(next.getTime() + 60 * 60_000));
}

interface SendCampaignDialogProps {
  mode: SendMode;
  campaign: Campaign;
  busy: boolean;
  /** The API's message about the time (e.g. already passed). */
  serverError?: string | undefined;
  onCancel(): void;
  onSend(scheduledAt?: string): void;
}

/**
 * Confirms a real send, now or at a set time, and says who it goes to: once the dispatcher has
 * started, it cannot be stopped or changed.
 */
export function SendCampaignDialog({ mode, campaign, busy, serverError, onCancel, onSend }: SendCampaignDialogProps) {
  const size = useAudienceSize(campaign);
  const [when, setWhen] = useState(() =>
    campaign.status === 'scheduled' && campaign.scheduledAt ? toOsloDateTimeLocal(new Date(campaign.scheduledAt)) : suggestedTime(),
  );
  const [localError, setLocalError] = useState<string | undefined>();
  const [shownServerError, setShownServerError] = useState(serverError);
  useEffect(() => setShownServerError(serverError), [serverError]);
  const timeError = localError ?? shownServerError;
  const titleId = `send-dialog-title-${mode}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (mode === 'now') return onSend();
    const scheduledAt = fromOsloDateTimeLocal(when);
    if (!scheduledAt) return setLocalError('Oppgi dato og klokkeslett');
    if (new Date(scheduledAt).getTime() <= Date.now()) return setLocalError('Tidspunktet har allerede vært – velg et tidspunkt fram i tid, eller send nå');
    setLocalError(undefined);
    onSend(scheduledAt);
  }

  const scheduledAt = mode === 'schedule' ? fromOsloDateTimeLocal(when) : null;
  return (
    <FormDialog
      titleId={titleId}
      title={mode === 'now' ? 'Send nyhetsbrevet nå?' : 'Planlegg utsending'}
      busy={busy}
      submitLabel={mode === 'now' ? 'Send nå' : 'Planlegg utsending'}
      submitColor={mode === 'now' ? 'warning' : 'primary'}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Stack spacing={2}>
        <DialogContentText>
          «{campaign.subject}» sendes {mode === 'now' ? 'nå' : scheduledAt ? formatOsloShortDateTime(scheduledAt) : 'på tidspunktet du velger'} til:
        </DialogContentText>
        <Typography component="p" sx={{ fontWeight: 'bold' }}>
          {audienceText(campaign)}
        </Typography>
        <Typography component="p" role="status" aria-label="Antall mottakere">
          {size === null ? (
            <>
              <CircularProgress size={14} sx={{ mr: 1 }} /> Teller mottakere …
            </>
          ) : size === 'failed' ? (
            'Kunne ikke telle mottakerne.'
          ) : (
            `${formatNumber(size)} ${size === 1 ? 'mottaker' : 'mottakere'} i dag.`
          )}
        </Typography>
        {size === 0 ? <Alert severity="warning">Ingen bekreftede abonnenter passer nå – ingen vil få nyhetsbrevet.</Alert> : null}
        {mode === 'schedule' ? (
          <TextField
            label="Tidspunkt (norsk tid)"
            type="datetime-local"
            value={when}
            onChange={(event) => {
              setWhen(event.target.value);
              setLocalError(undefined);
              setShownServerError(undefined);
            }}
            error={Boolean(timeError)}
            helperText={timeError ?? 'Utsendelsen starter innen et minutt etter tidspunktet. Til da kan nyhetsbrevet fortsatt endres.'}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { step: 60 } }}
            required
            autoFocus
          />
        ) : (
          <DialogContentText>
            Utsendelsen starter innen et minutt. Når den har startet, kan den ikke stoppes, og nyhetsbrevet kan ikke endres.
          </DialogContentText>
        )}
      </Stack>
    </FormDialog>
  );
}
