import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import { Box, Link, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { RichTextField } from 'react-admin';
import { attendanceModes, eventTypes, formatNumber, formatOsloShortDateTime, formatOsloShortPeriod, type EventWithCounts } from '../../../content-model';
import { useConfig } from '../config';
import { EventStatusChip } from './EventChips';

/** The plain HTML form participants register with (no login, works without JavaScript). */
export function registrationFormUrl(apiUrl: string, eventId: string): string {
  return `${apiUrl}/events/${encodeURIComponent(eventId)}/registrations`;
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" component="div" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

function seatsOrUnlimited(value: number | null): string {
  return value === null ? 'Ubegrenset' : formatNumber(value);
}

function registrationWindowText(event: EventWithCounts): string {
  const opens = event.registrationOpensAt ? formatOsloShortDateTime(event.registrationOpensAt) : 'når arrangementet åpnes';
  const closes = event.registrationClosesAt ? formatOsloShortDateTime(event.registrationClosesAt) : 'når arrangementet starter';
  return `Åpner ${opens}, stenger ${closes}`;
}

function RegistrationFormLink({ event }: { event: EventWithCounts }) {
  const { apiUrl } = useConfig();
  return (
    <Link href={registrationFormUrl(apiUrl, event.id)} target="_blank" rel="noopener" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5 }}>
      Påmeldingsskjemaet <OpenInNewIcon fontSize="inherit" />
    </Link>
  );
}

function ModeCounts({ event }: { event: EventWithCounts }) {
  return (
    <Table size="small" aria-label="Påmeldte per deltakelsesform" sx={{ maxWidth: 800 }}>
      <TableHead>
        <TableRow>
          <TableCell>Deltakelse</TableCell>
          <TableCell align="right">Plasser</TableCell>
          <TableCell align="right">Bekreftet</TableCell>
          <TableCell align="right">Holdt (ubekreftet)</TableCell>
          <TableCell align="right">Ledige</TableCell>
          <TableCell align="right">Venteliste</TableCell>
          <TableCell align="right">Sjekket inn</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {event.counts.modes.map((mode) => (
          <TableRow key={mode.mode} aria-label={attendanceModes.labels[mode.mode]}>
            <TableCell component="th" scope="row">
              {attendanceModes.labels[mode.mode]}
            </TableCell>
            <TableCell align="right">{seatsOrUnlimited(mode.capacity)}</TableCell>
            <TableCell align="right">{formatNumber(mode.confirmed)}</TableCell>
            <TableCell align="right">{formatNumber(mode.held)}</TableCell>
            <TableCell align="right">{seatsOrUnlimited(mode.free)}</TableCell>
            <TableCell align="right">{formatNumber(mode.waitlisted)}</TableCell>
            <TableCell align="right">{formatNumber(mode.checkedIn)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The program with the seats taken in each session. */
function SessionCounts({ event }: { event: EventWithCounts }) {
  if (event.sessions.length === 0) return null;
  const countsById = new Map(event.counts.sessions.map((session) => [session.sessionId, session]));
  return (
    <Table size="small" aria-label="Påmeldte per økt" sx={{ maxWidth: 1000, mt: 2 }}>
      <TableHead>
        <TableRow>
          <TableCell>Økt</TableCell>
          <TableCell>Tid</TableCell>
          <TableCell align="right">Plasser</TableCell>
          <TableCell align="right">Bekreftet</TableCell>
          <TableCell align="right">Holdt (ubekreftet)</TableCell>
          <TableCell align="right">Ledige</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {event.sessions.map((session) => {
          const counts = countsById.get(session.id);
          return (
            <TableRow key={session.id} aria-label={session.title}>
              <TableCell component="th" scope="row">
                {session.title}
                {session.speaker ? (
                  <Typography variant="body2" color="text.secondary">
                    {session.speaker}
                  </Typography>
                ) : null}
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatOsloShortPeriod(session.startsAt, session.endsAt)}</TableCell>
              <TableCell align="right">{seatsOrUnlimited(session.capacity)}</TableCell>
              <TableCell align="right">{formatNumber(counts?.confirmed ?? 0)}</TableCell>
              <TableCell align="right">{formatNumber(counts?.held ?? 0)}</TableCell>
              <TableCell align="right">{seatsOrUnlimited(counts ? counts.free : session.capacity)}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

/** What the event is, when and where, how registration works, and how many have registered. */
export function EventSummary({ event }: { event: EventWithCounts }) {
  return (
    <Box>
      <Typography variant="h5" component="h1">
        {event.title}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, alignItems: 'center', flexWrap: 'wrap' }} role="group" aria-label="Status">
        <EventStatusChip status={event.status} />
        <Typography variant="body2">{eventTypes.labels[event.type]}</Typography>
        <RegistrationFormLink event={event} />
      </Stack>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', columnGap: 3, rowGap: 1, my: 2 }}>
        <Fact label="Tid">{formatOsloShortPeriod(event.startsAt, event.endsAt)}</Fact>
        <Fact label="Sted">{event.venue ?? '–'}</Fact>
        <Fact label="Påmelding">{registrationWindowText(event)}</Fact>
        <Fact label="For hvem">{event.eligibility || '–'}</Fact>
        <Fact label="Strømmelenke">{event.streamingUrl ?? '–'}</Fact>
        <Fact label="Bekreftelsesfrist">{`${formatNumber(event.holdHours)} timer (kortere nær start)`}</Fact>
        <Fact label="Påminnelse">{`${formatNumber(event.reminderHoursBefore)} timer før start`}</Fact>
        <Fact label="Anonymisering">
          {event.anonymisedAt
            ? `Deltakerne ble anonymisert ${formatOsloShortDateTime(event.anonymisedAt)}`
            : `${formatNumber(event.retentionDays)} dager etter arrangementet`}
        </Fact>
        <Fact label="Sist endret">{`${formatOsloShortDateTime(event.lastChangedAt)} av ${event.lastChangedBy}`}</Fact>
      </Box>
      {event.description ? <RichTextField source="description" record={event} /> : null}
      <Typography variant="h6" component="h2" sx={{ mt: 3, mb: 1 }}>
        Påmeldte
      </Typography>
      <ModeCounts event={event} />
      <SessionCounts event={event} />
    </Box>
  );
}
