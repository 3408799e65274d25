import { Box, Button, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import {
  attendanceModes,
  formatNumber,
  formatOsloDateTimeToSecond,
  formatOsloShortDateTime,
  PAGE_LIMIT_DEFAULT,
  registrationStatuses,
  slugify,
  type EventWithCounts,
  type ListedRegistration,
  type Registration,
  type RegistrationQuery,
} from '../../../content-model';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { LoadedContent } from '../shared/LoadedContent';
import { useLoaded } from '../shared/useLoaded';
import { RegistrationStatusChip } from './EventChips';
import { RegistrationActions } from './RegistrationActions';

const SEARCH_DELAY_MS = 300;
/** Registrations per page: the API's default page (content-model/queries.ts). */
const PAGE_SIZE = PAGE_LIMIT_DEFAULT;

interface RegistrationFilters {
  status: string;
  mode: string;
  session: string;
  q: string;
}

const noFilters: RegistrationFilters = { status: '', mode: '', session: '', q: '' };

/** The filters as the API's query: empty ones left out. */
function registrationQueryOf(filters: RegistrationFilters): RegistrationQuery {
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(filters)) if (value.trim() !== '') query[name] = value.trim();
  return query as RegistrationQuery;
}

/** A value that follows `value` once it has stopped changing for `delayMs` (typing in the search box). */
function useSettled<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

/** A file name from the title, e.g. "pameldinger-normkonferansen-2026.csv". */
function csvFileName(title: string): string {
  const slug = slugify(title, { maxLength: 60 });
  return `pameldinger-${slug || 'arrangement'}.csv`;
}

function FilterSelect({
  label,
  value,
  onChange,
  choices,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  choices: { id: string; name: string }[];
}) {
  return (
    <TextField select size="small" fullWidth={false} label={label} value={value} onChange={(event) => onChange(event.target.value)} sx={{ minWidth: 200 }}>
      <MenuItem value="">Alle</MenuItem>
      {choices.map((choice) => (
        <MenuItem key={choice.id} value={choice.id}>
          {choice.name}
        </MenuItem>
      ))}
    </TextField>
  );
}

function Filters({ event, filters, onChange }: { event: EventWithCounts; filters: RegistrationFilters; onChange(filters: RegistrationFilters): void }) {
  const set = (name: keyof RegistrationFilters) => (value: string) => onChange({ ...filters, [name]: value });
  return (
    <Stack direction="row" useFlexGap spacing={2} sx={{ flexWrap: 'wrap', alignItems: 'center', my: 1 }} role="search" aria-label="Filtrer påmeldinger">
      <TextField
        size="small"
        fullWidth={false}
        label="Søk på navn, e-post eller virksomhet"
        value={filters.q}
        onChange={(change) => set('q')(change.target.value)}
        sx={{ minWidth: 320 }}
      />
      <FilterSelect
        label="Status"
        value={filters.status}
        onChange={set('status')}
        choices={registrationStatuses.codes.map((id) => ({ id, name: registrationStatuses.labels[id] }))}
      />
      <FilterSelect
        label="Deltakelse"
        value={filters.mode}
        onChange={set('mode')}
        choices={event.attendance.map(({ mode }) => ({ id: mode, name: attendanceModes.labels[mode] }))}
      />
      {event.sessions.length > 0 ? (
        <FilterSelect
          label="Økt"
          value={filters.session}
          onChange={set('session')}
          choices={event.sessions.map((session) => ({ id: session.id, name: session.title }))}
        />
      ) : null}
    </Stack>
  );
}

function Answers({ event, registration }: { event: EventWithCounts; registration: Registration }) {
  const answered = event.questions.filter((question) => registration.answers[question.id]);
  if (answered.length === 0) return <>–</>;
  return (
    <>
      {answered.map((question) => (
        <Typography key={question.id} variant="body2">
          {question.label}: {registration.answers[question.id]}
        </Typography>
      ))}
    </>
  );
}

function RegistrationRows({
  event,
  registrations,
  firstNumber,
  onChanged,
}: {
  event: EventWithCounts;
  registrations: ListedRegistration[];
  /** The place in the whole list of the first row on this page. */
  firstNumber: number;
  onChanged(): void;
}) {
  const sessionTitles = new Map(event.sessions.map((session) => [session.id, session.title]));
  // Each attendance mode has its own line; with more than one, say which.
  const multipleModes = event.attendance.length > 1;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Påmeldinger">
        <TableHead>
          <TableRow>
            <TableCell>Nr.</TableCell>
            {/* Not "Påmeldt": that is a status (confirmed); this is when the registration came in. */}
            <TableCell>Registrert</TableCell>
            <TableCell>Deltaker</TableCell>
            <TableCell>Deltakelse</TableCell>
            {event.sessions.length > 0 ? <TableCell>Økter</TableCell> : null}
            {event.questions.length > 0 ? <TableCell>Svar</TableCell> : null}
            <TableCell>Status</TableCell>
            <TableCell>Handlinger</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {registrations.map((registration, index) => (
            <TableRow key={registration.id} aria-label={`Påmelding: ${registration.name || 'anonymisert'}`} sx={{ verticalAlign: 'top' }}>
              <TableCell>{firstNumber + index}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatOsloDateTimeToSecond(registration.registeredAt)}</TableCell>
              <TableCell>
                <strong>{registration.name || 'Anonymisert'}</strong>
                <Typography variant="body2">{registration.organisation}</Typography>
                <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'break-word' }}>
                  {registration.email}
                </Typography>
              </TableCell>
              <TableCell>{attendanceModes.labels[registration.mode]}</TableCell>
              {event.sessions.length > 0 ? <TableCell>{registration.sessions.map((id) => sessionTitles.get(id) ?? id).join(', ') || '–'}</TableCell> : null}
              {event.questions.length > 0 ? (
                <TableCell>
                  <Answers event={event} registration={registration} />
                </TableCell>
              ) : null}
              <TableCell>
                <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
                  <RegistrationStatusChip status={registration.status} />
                  {registration.waitlistPosition !== null ? (
                    <Typography variant="caption" sx={{ whiteSpace: 'nowrap' }}>
                      Nr. {formatNumber(registration.waitlistPosition)} i køen
                      {multipleModes ? ` (${attendanceModes.labels[registration.mode].toLowerCase()})` : ''}
                    </Typography>
                  ) : null}
                  {registration.status === 'held' && registration.heldUntil ? (
                    <Typography variant="caption" sx={{ whiteSpace: 'nowrap' }}>
                      Holdt til {formatOsloShortDateTime(registration.heldUntil)}
                    </Typography>
                  ) : null}
                  {registration.checkedInAt ? (
                    <Typography variant="caption" color="success.main" sx={{ whiteSpace: 'nowrap' }}>
                      Sjekket inn {formatOsloShortDateTime(registration.checkedInAt)}
                    </Typography>
                  ) : null}
                </Stack>
              </TableCell>
              <TableCell>
                {event.status === 'cancelled' ? null : <RegistrationActions eventId={event.id} registration={registration} onChanged={onChanged} />}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** Back and forward through the pages; a plain nav with buttons, so it works from the keyboard. */
function PageControls({ pageNumber, hasNext, onPrevious, onNext }: { pageNumber: number; hasNext: boolean; onPrevious(): void; onNext(): void }) {
  if (pageNumber === 1 && !hasNext) return null;
  return (
    <Stack component="nav" aria-label="Sider med påmeldinger" direction="row" spacing={2} sx={{ alignItems: 'center', mt: 1 }}>
      <Button variant="outlined" size="small" disabled={pageNumber === 1} onClick={onPrevious}>
        Forrige side
      </Button>
      <Typography variant="body2" aria-live="polite">
        Side {formatNumber(pageNumber)}
      </Typography>
      <Button variant="outlined" size="small" disabled={!hasNext} onClick={onNext}>
        Neste side
      </Button>
    </Stack>
  );
}

/**
 * The registrations in the order they came in, a page at a time from the API, filtered by status,
 * attendance, session or a search, with the same selection (all of it) as CSV, and the actions for
 * each participant (none once the event is cancelled). `onChanged` lets the page refresh the counts
 * after an action; the page on screen stays where it is.
 */
export function RegistrationsPanel({ event, onChanged }: { event: EventWithCounts; onChanged(): void }) {
  const [filters, setFilters] = useState<RegistrationFilters>(noFilters);
  const query = registrationQueryOf({ ...filters, q: useSettled(filters.q, SEARCH_DELAY_MS) });
  const queryKey = JSON.stringify(query);
  // Where each page after the first starts, for the pages visited; other filters start again at page 1.
  const [paging, setPaging] = useState<{ queryKey: string; starts: string[] }>({ queryKey, starts: [] });
  const starts = paging.queryKey === queryKey ? paging.starts : [];
  const cursor = starts.at(-1);
  const { state, reload } = useLoaded(
    (dataProvider) => dataProvider.listRegistrations(event.id, query, { limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
    `${event.id}?${queryKey}#${cursor ?? ''}`,
  );

  function changed() {
    reload();
    onChanged();
  }

  return (
    <Box>
      <Stack direction="row" useFlexGap spacing={2} sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap' }}>
        <Filters event={event} filters={filters} onChange={setFilters} />
        <CsvDownloadButton fetchCsv={(dataProvider) => dataProvider.exportRegistrationsCsv(event.id, query)} fileName={csvFileName(event.title)} />
      </Stack>
      <LoadedContent state={state} loadingLabel="Laster påmeldinger">
        {({ items, nextCursor }) =>
          items.length === 0 && starts.length === 0 ? (
            <Typography color="text.secondary">
              {JSON.stringify(filters) === JSON.stringify(noFilters) ? 'Ingen påmeldinger ennå.' : 'Ingen påmeldinger passer med filtrene.'}
            </Typography>
          ) : (
            <>
              <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
                {items.length === 0
                  ? 'Ingen flere påmeldinger.'
                  : `Viser ${formatNumber(starts.length * PAGE_SIZE + 1)}–${formatNumber(starts.length * PAGE_SIZE + items.length)}${nextCursor ? ' (flere finnes)' : ''}`}
              </Typography>
              <RegistrationRows event={event} registrations={items} firstNumber={starts.length * PAGE_SIZE + 1} onChanged={changed} />
              <PageControls
                pageNumber={starts.length + 1}
                hasNext={nextCursor !== null}
                onPrevious={() => setPaging({ queryKey, starts: starts.slice(0, -1) })}
                onNext={() => {
                  if (nextCursor) setPaging({ queryKey, starts: [...starts, nextCursor] });
                }}
              />
            </>
          )
        }
      </LoadedContent>
    </Box>
  );
}
