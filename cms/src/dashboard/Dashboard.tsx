import ErrorIcon from '@mui/icons-material/Error';
import ScheduleIcon from '@mui/icons-material/Schedule';
import { Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { Link, Title } from 'react-admin';
import {
  daysBetween,
  formatNumber,
  formatOsloShortDate,
  governanceLevels,
  productStatuses,
  type Dashboard as DashboardData,
  type ProductStatus,
} from '../../../content-model';
import { ConsultationStateChip } from '../consultations/ConsultationChips';
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

function AttentionTable({ attention }: { attention: DashboardData['attention'] }) {
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
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{product.nextEvaluationDue ? formatOsloShortDate(product.nextEvaluationDue) : '–'}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

function OpenConsultations({ consultations, today }: { consultations: DashboardData['openConsultations']; today: string }) {
  if (consultations.length === 0) return <Typography color="text.secondary">Ingen høringer er åpne nå.</Typography>;
  return (
    <Box sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label="Åpne høringer">
        <TableHead>
          <TableRow>
            <TableCell>Produkt</TableCell>
            <TableCell>Målgruppe</TableCell>
            <TableCell>Frist</TableCell>
            <TableCell align="right">Innspill</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {consultations.map((consultation) => {
            const daysLeft = daysBetween(today, consultation.closesOn);
            return (
              <TableRow key={consultation.id}>
                <TableCell>
                  <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
                    <Link to={`/consultations/${encodeURIComponent(consultation.id)}/show`}>{consultation.productTitle}</Link>
                    <ConsultationStateChip state="open" />
                  </Stack>
                </TableCell>
                <TableCell>{consultation.audience}</TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  {formatOsloShortDate(consultation.closesOn)} ({daysLeft === 0 ? 'i dag' : `${daysLeft} dager igjen`})
                </TableCell>
                <TableCell align="right">{formatNumber(consultation.inputCount)}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </Box>
  );
}

/** The landing page: what is due, what needs attention this month, and which consultations are open. */
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
      </Stack>
      <CardSection title="Trenger oppfølging" id="dashboard-attention">
        <AttentionTable attention={data.attention} />
      </CardSection>
      <CardSection title="Produkter per nivå og status" id="dashboard-levels">
        <LevelTable byLevel={data.byLevel} />
      </CardSection>
      <CardSection title="Åpne høringer" id="dashboard-consultations">
        <OpenConsultations consultations={data.openConsultations} today={data.today} />
      </CardSection>
    </Stack>
  );
}
