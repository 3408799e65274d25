import ErrorIcon from '@mui/icons-material/Error';
import ScheduleIcon from '@mui/icons-material/Schedule';
import { Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, Title } from 'react-admin';
import {
  attendanceModes,
  DASHBOARD_HORIZON_DAYS,
  daysBetween,
  formatDayCount,
  formatNumber,
  formatOsloShortDate,
  formatOsloShortDateTime,
  formatOsloShortPeriod,
  formatOverdue,
  GENERAL_INPUT,
  governanceLevels,
  jobNames,
  osloDate,
  productStatuses,
  type Dashboard as DashboardData,
  type ProductStatus,
} from '../../../content-model';
import { ConsultationStateChip } from '../consultations/ConsultationChips';
import { EventStatusChip, seatsText } from '../events/EventChips';
import { CampaignStatusChip } from '../newsletter/NewsletterChips';
import { LoadedContent } from '../shared/LoadedContent';
import { CardSection } from '../shared/sections';
import { useLoaded } from '../shared/useLoaded';

type AttentionReason = DashboardData['attention'][number]['why'];
type ChipColour = 'error' | 'warning' | 'info' | 'default';

/** Why a product needs attention: colour and text together, the most urgent first. */
export const attentionLabels: Record<AttentionReason, { label: string; colour: ChipColour; variant: 'filled' | 'outlined' }> = {
  overdue: { label: 'Forfalt', colour: 'error', variant: 'filled' },
  outdated: { label: 'Ikke lenger relevant', colour: 'error', variant: 'outlined' },
  'due-this-month': { label: 'Forfaller denne måneden', colour: 'warning', variant: 'filled' },
  'revision-needed': { label: 'Revisjon nødvendig', colour: 'info', variant: 'outlined' },
};

const statusOrder = productStatuses.codes;

/** The overview filtered as given: the document overview reads its filters from the address. */
function overviewPath(filter: Record<string, string>): string {
  return `/products?filter=${encodeURIComponent(JSON.stringify(filter))}`;
}

function SummaryTile({
  label,
  value,
  colour,
  icon,
}: {
  label: string;
  value: number;
  colour: 'error.main' | 'warning.main' | 'text.primary';
  icon?: ReactNode;
}) {
  return (
    <Card sx={{ flex: '1 1 180px' }} role="group" aria-label={label}>
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', color: value > 0 ? colour : 'text.secondary' }}>
          {value > 0 ? icon : null}
          <Typography variant="h4" component="p">
            {formatNumber(value)}
          </Typography>
        </Stack>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
      </CardContent>
    </Card>
  );
}

function CountChip({ count, colour, text }: { count: number; colour: 'error' | 'warning'; text: string }) {
  if (count === 0) return <Chip size="small" variant="outlined" label={`0 ${text}`} />;
  return <Chip size="small" color={colour} label={`${formatNumber(count)} ${text}`} />;
}

function LevelTable({ byLevel }: { byLevel: DashboardData['byLevel'] }) {
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Produkter per nivå">
        <TableHead>
          <TableRow>
            <TableCell>Nivå</TableCell>
            {statusOrder.map((status) => (
              <TableCell key={status} align="right">
                {productStatuses.labels[status]}
              </TableCell>
            ))}
            <TableCell align="right">Totalt</TableCell>
            <TableCell>Forfalt</TableCell>
            <TableCell>Forfaller innen 60 dager</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {byLevel.map((row) => (
            <TableRow key={row.level}>
              <TableCell component="th" scope="row">
                <Link to={overviewPath({ level: String(row.level) })}>
                  {governanceLevels.labels[String(row.level) as keyof typeof governanceLevels.labels]}
                </Link>
              </TableCell>
              {statusOrder.map((status: ProductStatus) => (
                <TableCell key={status} align="right">
                  {row.byStatus[status] ? <Link to={overviewPath({ level: String(row.level), status })}>{formatNumber(row.byStatus[status])}</Link> : '0'}
                </TableCell>
              ))}
              <TableCell align="right">
                <strong>{formatNumber(row.total)}</strong>
              </TableCell>
              <TableCell>
                <CountChip count={row.overdue} colour="error" text="forfalt" />
              </TableCell>
              <TableCell>
                <CountChip count={row.dueWithin60Days} colour="warning" text="forfaller snart" />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** " (forfalt for 12 dager siden)" after a deadline that has passed; nothing otherwise. */
function overdueText(deadline: string | null, today: string): string {
  const overdue = deadline ? formatOverdue(deadline, today) : null;
  return overdue ? ` (${overdue})` : '';
}

function AttentionTable({ attention, today }: { attention: DashboardData['attention']; today: string }) {
  if (attention.length === 0) return <Typography color="text.secondary">Ingen produkter trenger oppfølging nå.</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Trenger oppfølging">
        <TableHead>
          <TableRow>
            <TableCell>Hvorfor</TableCell>
            <TableCell>Produkt</TableCell>
            <TableCell>Nivå</TableCell>
            <TableCell>Eier</TableCell>
            <TableCell>Neste evaluering</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {attention.map(({ product, why }) => {
            const { label, colour, variant } = attentionLabels[why];
            return (
              <TableRow key={product.id}>
                <TableCell>
                  <Chip size="small" color={colour} variant={variant} label={label} />
                </TableCell>
                <TableCell>
                  <Link to={`/products/${encodeURIComponent(product.id)}/show`}>{product.title}</Link>
                </TableCell>
                <TableCell>{product.level}</TableCell>
                <TableCell>{product.owner.name}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {product.nextEvaluationDue ? formatOsloShortDate(product.nextEvaluationDue) : '–'}
                  {overdueText(product.nextEvaluationDue, today)}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

function daysLeftText(today: string, deadline: string): string {
  const daysLeft = daysBetween(today, deadline);
  return daysLeft === 0 ? 'i dag' : daysLeft === 1 ? '1 dag igjen' : `${daysLeft} dager igjen`;
}

const consultationPath = (id: string) => `/consultations/${encodeURIComponent(id)}/show`;

function ClosingConsultations({ data }: { data: DashboardData }) {
  const consultations = data.closingConsultations;
  const newByConsultation = new Map(data.newInputs.map((place) => [place.consultationId, place.count]));
  if (consultations.length === 0) {
    return (
      <Typography color="text.secondary">
        Ingen høringer lukkes de neste {DASHBOARD_HORIZON_DAYS} dagene.{' '}
        <Link to="/consultations">Alle høringer ({formatNumber(data.openConsultations.length)} åpne)</Link>
      </Typography>
    );
  }
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Høringer som lukkes snart">
        <TableHead>
          <TableRow>
            <TableCell>Produkt</TableCell>
            <TableCell>Målgruppe</TableCell>
            <TableCell>Frist</TableCell>
            <TableCell align="right">Innspill</TableCell>
            <TableCell align="right">Nye</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {consultations.map((consultation) => (
            <TableRow key={consultation.id}>
              <TableCell>
                <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                  <Link to={consultationPath(consultation.id)}>{consultation.productTitle}</Link>
                  <ConsultationStateChip state="open" />
                </Stack>
              </TableCell>
              <TableCell>{consultation.audience}</TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {formatOsloShortDate(consultation.closesOn)} ({daysLeftText(data.today, consultation.closesOn)})
              </TableCell>
              <TableCell align="right">{formatNumber(consultation.inputCount)}</TableCell>
              <TableCell align="right">{formatNumber(newByConsultation.get(consultation.id) ?? 0)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function NewInputs({ places, today }: { places: DashboardData['newInputs']; today: string }) {
  if (places.length === 0) return <Typography color="text.secondary">Ingen innspill venter på vurdering.</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Innspill som ikke er vurdert">
        <TableHead>
          <TableRow>
            <TableCell>Hvor</TableCell>
            <TableCell align="right">Nye innspill</TableCell>
            <TableCell>Eldste</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {places.map((place) => {
            const general = place.consultationId === GENERAL_INPUT;
            const waited = daysBetween(osloDate(new Date(place.oldestSubmittedAt)), today);
            return (
              <TableRow key={place.consultationId}>
                <TableCell>
                  <Link to={general ? '/generelle-innspill' : consultationPath(place.consultationId)}>
                    {general ? 'Generelle innspill' : `Høring: ${place.productTitle ?? 'ukjent produkt'}`}
                  </Link>
                </TableCell>
                <TableCell align="right">{formatNumber(place.count)}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {formatOsloShortDate(place.oldestSubmittedAt)} ({waited <= 0 ? 'i dag' : `venter i ${formatDayCount(waited)}`})
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

function Campaigns({ campaigns, now }: { campaigns: NonNullable<DashboardData['secretariat']>['campaigns']; now: string }) {
  if (campaigns.length === 0) return <Typography color="text.secondary">Ingen utkast eller planlagte utsendelser.</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Nyhetsbrev under arbeid">
        <TableHead>
          <TableRow>
            <TableCell>Emne</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Når</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {campaigns.map((campaign) => (
            <TableRow key={campaign.id}>
              <TableCell>
                <Link to={`/campaigns/${encodeURIComponent(campaign.id)}/show`}>{campaign.subject}</Link>
              </TableCell>
              <TableCell>
                <CampaignStatusChip status={campaign.status} />
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {campaign.status === 'scheduled' && campaign.scheduledAt
                  ? `${campaign.scheduledAt < now ? 'Skulle vært sendt' : 'Sendes'} ${formatOsloShortDateTime(campaign.scheduledAt)}`
                  : `Sist endret ${formatOsloShortDateTime(campaign.lastChangedAt)}`}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function Events({ events }: { events: NonNullable<DashboardData['secretariat']>['events'] }) {
  if (events.length === 0) return <Typography color="text.secondary">Ingen arrangementer de neste {DASHBOARD_HORIZON_DAYS} dagene.</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Kommende arrangementer">
        <TableHead>
          <TableRow>
            <TableCell>Arrangement</TableCell>
            <TableCell>Tid</TableCell>
            <TableCell>Påmeldte</TableCell>
            <TableCell align="right">Venteliste</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {events.map((event) => {
            const waitlisted = event.counts.modes.reduce((sum, mode) => sum + mode.waitlisted, 0);
            return (
              <TableRow key={event.id}>
                <TableCell>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
                    <Link to={`/events/${encodeURIComponent(event.id)}/show`}>{event.title}</Link>
                    <EventStatusChip status={event.status} />
                  </Stack>
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatOsloShortPeriod(event.startsAt, event.endsAt)}</TableCell>
                <TableCell>
                  {event.counts.modes.map((mode) => (
                    <div key={mode.mode}>
                      {attendanceModes.labels[mode.mode]}: {seatsText(mode.confirmed + mode.held, mode.capacity)}
                      {mode.held ? ` (${formatNumber(mode.held)} ubekreftet)` : ''}
                    </div>
                  ))}
                </TableCell>
                <TableCell align="right">{formatNumber(waitlisted)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

function FailedJobs({ jobs }: { jobs: NonNullable<DashboardData['secretariat']>['failedJobs'] }) {
  if (jobs.length === 0) return <Typography color="text.secondary">Ingen jobber har feilet i siste kjøring.</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Feilede jobber">
        <TableHead>
          <TableRow>
            <TableCell>Jobb</TableCell>
            <TableCell>Feilet</TableCell>
            <TableCell>Feil</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {jobs.map((job) => (
            <TableRow key={job.job}>
              <TableCell>
                <Link to="/jobber">{jobNames.labels[job.job]}</Link>
              </TableCell>
              <TableCell sx={{ whiteSpace: 'nowrap' }}>
                {formatOsloShortDateTime(job.failedAt)}
                {job.recentFailures > 1 ? ` (${formatNumber(job.recentFailures)} av de siste kjøringene)` : ''}
              </TableCell>
              <TableCell>{job.error ?? '–'}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The landing page: what is due, what needs attention this month, what waits for an editor, and what is coming up. */
export function Dashboard() {
  const { state } = useLoaded((dataProvider) => dataProvider.getDashboard(), 'dashboard');

  return (
    <Box sx={{ py: 2 }}>
      <Title title="Forfall og oppfølging" />
      <Typography variant="h5" component="h1" gutterBottom>
        Forfall og oppfølging
      </Typography>
      <LoadedContent state={state} loadingLabel="Laster oversikten">
        {(data) => <DashboardContent data={data} />}
      </LoadedContent>
    </Box>
  );
}

function DashboardContent({ data }: { data: DashboardData }) {
  const overdue = data.byLevel.reduce((sum, row) => sum + row.overdue, 0);
  const dueSoon = data.byLevel.reduce((sum, row) => sum + row.dueWithin60Days, 0);
  const newInputs = data.newInputs.reduce((sum, place) => sum + place.count, 0);
  const loadedAt = new Date().toISOString();
  return (
    <Stack spacing={2}>
      <Typography variant="body2" color="text.secondary">
        Status per {formatOsloShortDate(data.today)}. Produkter som ikke evalueres innen fristen, vises ikke lenger som gjeldende på nettsiden.
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 2 }}>
        <SummaryTile label="Forfalt til evaluering" value={overdue} colour="error.main" icon={<ErrorIcon />} />
        <SummaryTile label="Forfaller innen 60 dager" value={dueSoon} colour="warning.main" icon={<ScheduleIcon />} />
        <SummaryTile label="Trenger oppfølging" value={data.attention.length} colour="text.primary" />
        <SummaryTile label="Åpne høringer" value={data.openConsultations.length} colour="text.primary" />
        <SummaryTile label="Innspill som ikke er vurdert" value={newInputs} colour="warning.main" />
      </Stack>
      <CardSection title="Trenger oppfølging" id="dashboard-attention">
        <AttentionTable attention={data.attention} today={data.today} />
      </CardSection>
      <CardSection title="Nye innspill" id="dashboard-inputs">
        <NewInputs places={data.newInputs} today={data.today} />
      </CardSection>
      <CardSection title={`Høringer som lukkes innen ${DASHBOARD_HORIZON_DAYS} dager`} id="dashboard-consultations">
        <ClosingConsultations data={data} />
      </CardSection>
      {data.secretariat ? (
        <>
          <CardSection title="Nyhetsbrev: utkast og planlagte" id="dashboard-newsletter">
            <Campaigns campaigns={data.secretariat.campaigns} now={loadedAt} />
          </CardSection>
          <CardSection title={`Arrangementer de neste ${DASHBOARD_HORIZON_DAYS} dagene`} id="dashboard-events">
            <Events events={data.secretariat.events} />
          </CardSection>
          <CardSection title="Feilede jobber" id="dashboard-jobs">
            <FailedJobs jobs={data.secretariat.failedJobs} />
          </CardSection>
        </>
      ) : null}
      <CardSection title="Produkter per nivå og status" id="dashboard-levels">
        <LevelTable byLevel={data.byLevel} />
      </CardSection>
    </Stack>
  );
}
