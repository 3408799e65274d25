import SendIcon from '@mui/icons-material/Send';
import { Box, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { Button } from 'react-admin';
import { eventMailingKinds, formatNumber, formatOsloShortDateTime, mailingAudiences, type EventMailing, type EventWithCounts } from '../../../content-model';
import { LoadedContent } from '../shared/LoadedContent';
import { useLoaded } from '../shared/useLoaded';
import { SendMessageDialog } from './SendMessageDialog';

/** While a mailing waits for the notification job, the list is asked again this often. */
const PENDING_POLL_MS = 15_000;

function statusText(mailing: EventMailing): string {
  if (mailing.status === 'pending') return 'Venter på utsending';
  return mailing.finishedAt ? `Sendt ${formatOsloShortDateTime(mailing.finishedAt)}` : 'Sendt';
}

function MailingRows({ mailings }: { mailings: EventMailing[] }) {
  if (mailings.length === 0) return <Typography color="text.secondary">Ingen e-poster sendt ennå.</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="E-poster til deltakerne">
        <TableHead>
          <TableRow>
            <TableCell>Opprettet</TableCell>
            <TableCell>Type</TableCell>
            <TableCell sx={{ minWidth: 220 }}>Emne</TableCell>
            <TableCell>Mottakere</TableCell>
            <TableCell>Status</TableCell>
            <TableCell align="right">Sendt til</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {mailings.map((mailing) => (
            <TableRow key={mailing.id} aria-label={`E-post: ${mailing.subject}`}>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {formatOsloShortDateTime(mailing.createdAt)}
                <Typography variant="caption" component="div" color="text.secondary">
                  {mailing.createdBy}
                </Typography>
              </TableCell>
              <TableCell>{eventMailingKinds.labels[mailing.kind]}</TableCell>
              <TableCell>{mailing.subject}</TableCell>
              <TableCell>{mailingAudiences.labels[mailing.audience]}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{statusText(mailing)}</TableCell>
              <TableCell align="right">{formatNumber(mailing.sent)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/**
 * Emails to the event's participants: the reminders, change and cancellation notices the system
 * sends, and messages from the secretariat, with how far each has gone; followed until all are sent.
 */
export function MailingsPanel({ event }: { event: EventWithCounts }) {
  const { state, reload } = useLoaded((dataProvider) => dataProvider.listEventMailings(event.id), `${event.id}@${event.revision}`);
  const [composing, setComposing] = useState(false);
  const waiting = state.status === 'loaded' && state.data.some((mailing) => mailing.status === 'pending');

  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(reload, PENDING_POLL_MS);
    return () => clearInterval(timer);
  }, [waiting, reload]);

  return (
    <Box>
      <Stack direction="row" sx={{ justifyContent: 'flex-end', mb: 1 }}>
        {event.status !== 'draft' && event.anonymisedAt === null ? (
          <Button label="Send e-post til deltakerne" onClick={() => setComposing(true)} variant="outlined">
            <SendIcon />
          </Button>
        ) : null}
      </Stack>
      <LoadedContent state={state} loadingLabel="Laster e-poster">
        {(mailings) => <MailingRows mailings={mailings} />}
      </LoadedContent>
      {composing ? (
        <SendMessageDialog
          event={event}
          onCancel={() => setComposing(false)}
          onSent={() => {
            setComposing(false);
            reload();
          }}
        />
      ) : null}
    </Box>
  );
}
