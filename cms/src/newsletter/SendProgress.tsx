import { Alert, AlertTitle, Box, LinearProgress, Typography } from '@mui/material';
import type { Campaign } from '../../../content-model';
import { processedShare } from './NewsletterChips';
import { formatNumber, formatOsloShortDateTime } from '../../../content-model';

function Count({ label, value, alert }: { label: string; value: number; alert?: boolean }) {
  return (
    <Box role="group" aria-label={label} sx={{ minWidth: 110 }}>
      <Typography variant="h6" component="p" sx={{ color: alert && value > 0 ? 'error.main' : undefined }}>
        {formatNumber(value)}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
    </Box>
  );
}

function Counts({ progress }: { progress: Campaign['progress'] }) {
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 3, mt: 2 }}>
      <Count label="Mottakere" value={progress.recipients} />
      <Count label="Sendt" value={progress.sent} />
      <Count label="Feilet" value={progress.failed} alert />
      <Count label="Hoppet over (avmeldt eller sperret)" value={progress.skipped} />
      <Count label="Returnert (bounce)" value={progress.bounced} alert />
      <Count label="Klager" value={progress.complained} alert />
    </Box>
  );
}

function Bar({ campaign }: { campaign: Campaign }) {
  const { progress } = campaign;
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="body1" sx={{ mb: 0.5 }}>
        Sendt {formatNumber(progress.sent)} av {formatNumber(progress.recipients)}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={processedShare(progress)}
        color={progress.failed > 0 ? 'warning' : campaign.status === 'sent' ? 'success' : 'primary'}
        aria-label="Framdrift"
        sx={{ height: 10, borderRadius: 5, maxWidth: 600 }}
      />
    </Box>
  );
}

/**
 * Where the send has got to. The show page polls the campaign while it is scheduled, being prepared
 * or sending, so this updates by itself; the region is a live status for screen readers.
 */
export function SendProgress({ campaign, now = new Date() }: { campaign: Campaign; now?: Date }) {
  return (
    <Box role="status" aria-label="Utsendelse" aria-live="polite">
      {campaign.status === 'draft' ? (
        <Typography variant="body2" color="text.secondary">
          Ikke sendt ennå. Send en test til deg selv og se over den før du sender eller planlegger utsendingen.
        </Typography>
      ) : null}
      {campaign.status === 'scheduled' ? (
        <Alert severity="info">
          <AlertTitle>Planlagt</AlertTitle>
          {campaign.scheduledAt && new Date(campaign.scheduledAt) > now
            ? `Sendes ${formatOsloShortDateTime(campaign.scheduledAt)}. Fram til da kan nyhetsbrevet fortsatt endres.`
            : 'Venter på utsendelsesjobben – utsendelsen starter innen et minutt.'}
        </Alert>
      ) : null}
      {campaign.status === 'preparing' ? (
        <Box>
          <Typography variant="body1">Klargjør mottakerlisten …</Typography>
          <LinearProgress aria-label="Klargjør" sx={{ mt: 1, maxWidth: 600 }} />
        </Box>
      ) : null}
      {campaign.status === 'sending' ? (
        <Box>
          <Typography variant="subtitle1" component="p" sx={{ fontWeight: 'bold' }}>
            Sendes …
          </Typography>
          <Bar campaign={campaign} />
          <Counts progress={campaign.progress} />
        </Box>
      ) : null}
      {campaign.status === 'sent' ? (
        <Box>
          <Alert severity={campaign.progress.failed > 0 ? 'warning' : 'success'}>
            <AlertTitle>Ferdig</AlertTitle>
            {campaign.sentAt ? `Sendt ${formatOsloShortDateTime(campaign.sentAt)}.` : 'Utsendelsen er fullført.'}
            {campaign.progress.failed > 0 ? ` ${formatNumber(campaign.progress.failed)} e-poster kunne ikke sendes.` : ''}
          </Alert>
          <Bar campaign={campaign} />
          <Counts progress={campaign.progress} />
        </Box>
      ) : null}
    </Box>
  );
}
