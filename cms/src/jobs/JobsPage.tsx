import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import {
  Alert,
  AlertTitle,
  Box,
  Button as MuiButton,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { type FormEvent, useState } from 'react';
import { Title, useCanAccess, useDataProvider, useNotify } from 'react-admin';
import { jobCounts, peopleEmailed, peopleEmailedCounts, type JobCount, type JobHealth, type JobPreview, type JobRun } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { FormDialog } from '../shared/FormDialog';
import { messageOf } from '../shared/httpErrors';
import { LoadedContent } from '../shared/LoadedContent';
import { useLoaded } from '../shared/useLoaded';
import { formatNumber, formatOsloShortDateTime } from '../../../content-model';

/** Health as colour and text: green OK, red when failed or missed, grey when never run. */
const healthLabels: Record<JobHealth['health'], { label: string; colour: 'success' | 'error' | 'default' }> = {
  ok: { label: 'OK', colour: 'success' },
  failed: { label: 'Feilet', colour: 'error' },
  missed: { label: 'Ikke kjørt som planlagt', colour: 'error' },
  'never-run': { label: 'Aldri kjørt', colour: 'default' },
};

const runStatusLabels: Record<JobRun['status'], { label: string; colour: 'success' | 'error' | 'info' }> = {
  succeeded: { label: 'Fullført', colour: 'success' },
  failed: { label: 'Feilet', colour: 'error' },
  running: { label: 'Kjører', colour: 'info' },
};

/**
 * Failed runs among the recent ones and emails waiting to be sent again, with the latest errors:
 * every failure shows here, not only in the logs.
 */
function FailureSummary({ job }: { job: JobHealth }) {
  const { failedRuns, latestErrors, emailsAwaitingRetry, latestEmailErrors } = job.failures;
  if (failedRuns === 0 && emailsAwaitingRetry === 0) return null;
  return (
    <Alert severity={failedRuns > 0 ? 'error' : 'warning'} sx={{ mt: 2 }} aria-label={`Feil: ${job.label}`}>
      <AlertTitle>
        {[
          failedRuns > 0 ? `${formatNumber(failedRuns)} av de siste ${formatNumber(job.recentRuns.length)} kjøringene feilet` : null,
          emailsAwaitingRetry > 0 ? `${formatNumber(emailsAwaitingRetry)} e-post${emailsAwaitingRetry === 1 ? '' : 'er'} venter på nytt forsøk` : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </AlertTitle>
      {latestErrors.length + latestEmailErrors.length > 0 ? (
        <Box component="ul" sx={{ m: 0, pl: 2 }}>
          {latestErrors.map((error, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list in its stored order, never reordered
              key={`run-${index}`}
            >
              {formatOsloShortDateTime(error.at)}: {error.message}
            </li>
          ))}
          {latestEmailErrors.map((error, index) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list in its stored order, never reordered
              key={`email-${index}`}
            >
              {formatOsloShortDateTime(error.at)}: «{error.subject}» ({formatNumber(error.attempts)} forsøk) – {error.message}
            </li>
          ))}
        </Box>
      ) : null}
    </Alert>
  );
}

function countsText(counts: Record<string, number>): string {
  // In a fixed order: the stored record does not keep the order the job wrote it in.
  const known: readonly string[] = jobCounts.codes;
  const rank = (key: string) => (known.includes(key) ? known.indexOf(key) : known.length);
  const entries = Object.entries(counts).sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
  if (entries.length === 0) return '–';
  return entries.map(([key, value]) => `${key in jobCounts.labels ? jobCounts.labels[key as JobCount] : key}: ${formatNumber(value)}`).join(' · ');
}

function people(count: number): string {
  return `${formatNumber(count)} ${count === 1 ? 'person' : 'personer'}`;
}

/**
 * What a run did, plainly: first how many people were emailed, then its other counts by their
 * labels (those that are emails are in the first sentence already; zeros say nothing).
 */
export function runResultText(run: Pick<JobRun, 'counts'>): string {
  const emailed = peopleEmailed(run.counts);
  const emailCounts: readonly string[] = peopleEmailedCounts;
  const others = Object.fromEntries(Object.entries(run.counts).filter(([key, value]) => !emailCounts.includes(key) && value > 0));
  const rest = Object.keys(others).length > 0 ? countsText(others) : '';
  return [emailed > 0 ? `${people(emailed)} fikk e-post` : 'Ingen fikk e-post', rest].filter(Boolean).join(' · ');
}

function triggerText(run: JobRun): string {
  return run.trigger === 'manual' ? `Manuelt${run.triggeredBy ? ` av ${run.triggeredBy}` : ''}` : 'Planlagt';
}

function HealthChip({ health }: { health: JobHealth['health'] }) {
  const { label, colour } = healthLabels[health];
  return <Chip color={colour} label={label} variant={health === 'never-run' ? 'outlined' : 'filled'} />;
}

/** Scheduled jobs with their health, schedule and recent runs; admins can run a job now. */
export function JobsPage() {
  const { state, reload } = useLoaded((dataProvider) => dataProvider.listJobs(), 'jobs');

  return (
    <Box sx={{ py: 2, minWidth: 0 }}>
      <Title title="Planlagte jobber" />
      <Typography variant="h5" component="h1" gutterBottom>
        Planlagte jobber
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
        Jobbene kjøres automatisk etter tidsplanen. En jobb som feiler eller ikke blir kjørt som planlagt, vises i rødt og utløser en alarm.
      </Typography>
      <LoadedContent state={state} loadingLabel="Laster jobbene">
        {(jobs) => (
          <Stack spacing={2}>
            {jobs.map((job) => (
              <JobCard key={job.job} job={job} onRun={reload} />
            ))}
          </Stack>
        )}
      </LoadedContent>
    </Box>
  );
}

/** What the dry run said the job would do, in plain words, before the admin decides. */
function PreviewText({ preview }: { preview: JobPreview }) {
  const nothing = preview.recipients === 0 && preview.becomeNotCurrent.length === 0 && preview.effects.length === 0;
  return (
    <Stack spacing={1}>
      <Typography>{preview.recipients > 0 ? `${people(preview.recipients)} får e-post.` : 'Ingen får e-post.'}</Typography>
      {preview.becomeNotCurrent.length > 0 ? (
        <Box>
          <Typography>
            {preview.becomeNotCurrent.length === 1
              ? 'Dette produktet vises ikke lenger som gjeldende på nettsiden:'
              : `Disse ${formatNumber(preview.becomeNotCurrent.length)} produktene vises ikke lenger som gjeldende på nettsiden:`}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 3 }} aria-label="Blir ikke gjeldende">
            {preview.becomeNotCurrent.map((product) => (
              <li key={product.id}>{product.title}</li>
            ))}
          </Box>
        </Box>
      ) : null}
      {preview.effects.length > 0 ? (
        <Box>
          <Typography>Jobben vil også gjøre dette:</Typography>
          <Box component="ul" sx={{ m: 0, pl: 3 }} aria-label="Andre virkninger">
            {preview.effects.map((effect) => (
              <li key={effect}>{effect}</li>
            ))}
          </Box>
        </Box>
      ) : null}
      {nothing ? <Typography>Jobben har ingenting å gjøre nå.</Typography> : null}
    </Stack>
  );
}

type Confirmation = { state: 'loading' } | { state: 'ready'; preview: JobPreview } | { state: 'unknown'; message: string };

function JobCard({ job, onRun }: { job: JobHealth; onRun(): void }) {
  const { canAccess: mayRun } = useCanAccess({ resource: 'jobs', action: 'run' });
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<JobRun | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const headingId = `job-${job.job}`;
  const dialogTitleId = `job-${job.job}-confirm`;

  // The run has public effects (emails, products no longer current): say what they are and ask first.
  async function askFirst() {
    setResult(null);
    setConfirmation({ state: 'loading' });
    try {
      setConfirmation({ state: 'ready', preview: await dataProvider.previewJob(job.job) });
    } catch (error) {
      setConfirmation({ state: 'unknown', message: messageOf(error, 'Kunne ikke finne ut hva jobben vil gjøre') });
    }
  }

  async function runNow(event: FormEvent) {
    event.preventDefault();
    setRunning(true);
    try {
      const run = await dataProvider.runJobNow(job.job);
      setResult(run);
      setConfirmation(null);
      notify(run.status === 'failed' ? 'Jobben feilet' : 'Jobben er kjørt', { type: run.status === 'failed' ? 'error' : 'success' });
      onRun();
    } catch (error) {
      setConfirmation(null);
      notify(messageOf(error, 'Jobben kunne ikke startes'), { type: 'error' });
    } finally {
      setRunning(false);
    }
  }

  const last = job.lastRun;
  return (
    <Card component="section" aria-labelledby={headingId}>
      <CardContent>
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap', rowGap: 1 }}>
          <Typography id={headingId} variant="h6" component="h2">
            {job.label}
          </Typography>
          <Box role="status" aria-label="Helse">
            <HealthChip health={job.health} />
          </Box>
          <Box sx={{ flexGrow: 1 }} />
          {mayRun ? (
            <MuiButton
              variant="contained"
              startIcon={running || confirmation?.state === 'loading' ? <CircularProgress size={16} color="inherit" /> : <PlayArrowIcon />}
              onClick={() => void askFirst()}
              disabled={running || confirmation !== null}
            >
              Kjør nå
            </MuiButton>
          ) : null}
          {confirmation && confirmation.state !== 'loading' ? (
            <FormDialog
              titleId={dialogTitleId}
              title={`Kjøre «${job.label}» nå?`}
              error={confirmation.state === 'unknown' ? `${confirmation.message}. Du kan likevel kjøre jobben.` : undefined}
              busy={running}
              submitLabel="Kjør nå"
              onSubmit={(event) => void runNow(event)}
              onCancel={() => setConfirmation(null)}
            >
              {confirmation.state === 'ready' ? <PreviewText preview={confirmation.preview} /> : null}
            </FormDialog>
          ) : null}
        </Stack>
        <Box sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, mt: 1 }}>
          <Typography variant="body2" color="text.secondary">
            Tidsplan
          </Typography>
          <Typography variant="body2">{job.schedule}</Typography>
          <Typography variant="body2" color="text.secondary">
            Sist kjørt
          </Typography>
          <Typography variant="body2">
            {last
              ? `${formatOsloShortDateTime(last.startedAt)} (${triggerText(last).toLowerCase()}, ${runStatusLabels[last.status].label.toLowerCase()})`
              : 'Aldri'}
          </Typography>
          <Typography variant="body2" color="text.secondary">
            Resultat
          </Typography>
          <Typography variant="body2">{last ? countsText(last.counts) : '–'}</Typography>
        </Box>
        {result ? (
          <Alert severity={result.status === 'failed' ? 'error' : 'success'} sx={{ mt: 2 }} role="status">
            <AlertTitle>{result.status === 'failed' ? 'Kjøringen feilet' : 'Kjøringen er fullført'}</AlertTitle>
            <Box>{runResultText(result)}</Box>
            {result.errors.length > 0 ? (
              <Box component="ul" sx={{ m: 0, pl: 2 }}>
                {result.errors.map((error, index) => (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list in its stored order, never reordered
                    key={index}
                  >
                    {error}
                  </li>
                ))}
              </Box>
            ) : null}
          </Alert>
        ) : null}
        {last && last.errors.length > 0 && !result ? (
          <Alert severity="error" sx={{ mt: 2 }}>
            <AlertTitle>Feil i siste kjøring</AlertTitle>
            <Box component="ul" sx={{ m: 0, pl: 2 }}>
              {last.errors.map((error, index) => (
                <li
                  // biome-ignore lint/suspicious/noArrayIndexKey: a read-only list in its stored order, never reordered
                  key={index}
                >
                  {error}
                </li>
              ))}
            </Box>
          </Alert>
        ) : null}
        <FailureSummary job={job} />
        <Typography variant="subtitle2" component="h3" sx={{ mt: 2 }}>
          Siste kjøringer
        </Typography>
        {job.recentRuns.length === 0 ? (
          <Typography variant="body2" color="text.secondary">
            Jobben har ikke kjørt ennå.
          </Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" aria-label={`Siste kjøringer: ${job.label}`}>
              <TableHead>
                <TableRow>
                  <TableCell>Startet</TableCell>
                  <TableCell>Ferdig</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Utløst</TableCell>
                  <TableCell>Antall</TableCell>
                  <TableCell>Feil</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {job.recentRuns.map((run) => (
                  <TableRow key={run.runId}>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatOsloShortDateTime(run.startedAt)}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{run.finishedAt ? formatOsloShortDateTime(run.finishedAt) : '–'}</TableCell>
                    <TableCell>
                      <Chip size="small" color={runStatusLabels[run.status].colour} variant="outlined" label={runStatusLabels[run.status].label} />
                    </TableCell>
                    <TableCell>{triggerText(run)}</TableCell>
                    <TableCell>{countsText(run.counts)}</TableCell>
                    <TableCell sx={{ color: run.errors.length ? 'error.main' : undefined }}>{run.errors.length ? run.errors.join('; ') : '–'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
