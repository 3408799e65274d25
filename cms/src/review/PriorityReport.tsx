import { Box, Card, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { Link, Title } from 'react-admin';
import { formatNumber, formatOsloCompactDate, formatOsloShortDate, productStatuses, productTypes, type PriorityRow } from '../../../content-model';
import { OutcomeChip } from '../products/ProductEvaluations';
import { compactTableSx } from '../shared/compactTable';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { LoadedContent } from '../shared/LoadedContent';
import { useLoaded } from '../shared/useLoaded';

const reasonLabels: Record<PriorityRow['reason'], { label: string; colour: 'warning' | 'info' }> = {
  'revision-needed': { label: 'Revisjon nødvendig', colour: 'warning' },
  'due-within-year': { label: 'Forfaller innen et år', colour: 'info' },
};

function yesNo(value: boolean) {
  return value ? <strong>Ja</strong> : 'Nei';
}

function ExportReportButton() {
  return <CsvDownloadButton fetchCsv={(dataProvider) => dataProvider.exportReviewReportCsv()} fileName="prioriteringsrapport.csv" />;
}

/**
 * The yearly priority report for the action plan (governance model chapter 7): products that need revision or
 * fall due within a year, in priority order — core topics first, then current need flagged by an
 * editor, then downloads in the last 12 months, then time since the last change. Every factor is
 * a column; there is no combined score.
 */
export function PriorityReport() {
  const { state } = useLoaded((dataProvider) => dataProvider.getReviewReport(), 'review-report');

  return (
    <Box sx={{ py: 2, minWidth: 0 }}>
      <Title title="Prioriteringsrapport" />
      <Stack direction="row" sx={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap', gap: 1 }}>
        <Typography variant="h5" component="h1">
          Prioriteringsrapport
        </Typography>
        <ExportReportButton />
      </Stack>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 900 }}>
        Grunnlag for neste års handlingsplan: produkter der evalueringen konkluderte med revisjon, og produkter som forfaller innen et år. Rekkefølgen er
        kjernetema først, deretter aktuelt behov, nedlastinger siste 12 måneder og tid siden sist endring. Rapporten viser faktorene, ikke en samlet poengsum.
      </Typography>
      <LoadedContent state={state} loadingLabel="Laster rapporten">
        {(data) => <ReportTable rows={data.items} today={data.today} />}
      </LoadedContent>
    </Box>
  );
}

/** A date in a narrow column, with the written-out date for a pointer or a screen reader's title. */
function CompactDate({ date }: { date: string }) {
  return (
    <Box component="span" title={formatOsloShortDate(date)} sx={{ whiteSpace: 'nowrap' }}>
      {formatOsloCompactDate(date)}
    </Box>
  );
}

/**
 * Every factor is a column, and all of them fit 1440 px: dates are compact, the product's type and
 * level sit under its title, headers wrap, and the words in titles and owners wrap before anything
 * is cut. The wrapper still scrolls if someone zooms in.
 */
function ReportTable({ rows, today }: { rows: PriorityRow[]; today: string }) {
  if (rows.length === 0) return <Typography color="text.secondary">Ingen produkter trenger revisjon eller forfaller det neste året.</Typography>;
  return (
    <Card>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Prioriteringsrapport" sx={compactTableSx}>
          <TableHead>
            <TableRow>
              <TableCell>#</TableCell>
              <TableCell sx={{ minWidth: 200 }}>Produkt</TableCell>
              <TableCell>Årsak</TableCell>
              <TableCell>Kjernetema</TableCell>
              <TableCell>Aktuelt behov</TableCell>
              <TableCell align="right">Nedlastinger siste 12 mnd.</TableCell>
              <TableCell>Sist endret</TableCell>
              <TableCell align="right">Dager siden endring</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Siste evaluering</TableCell>
              <TableCell>Neste evaluering</TableCell>
              <TableCell>Eier</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row, index) => {
              const { product } = row;
              const reason = reasonLabels[row.reason];
              const overdue = product.nextEvaluationDue !== null && product.nextEvaluationDue < today;
              return (
                <TableRow key={product.id}>
                  <TableCell>{index + 1}</TableCell>
                  <TableCell>
                    <Link to={`/products/${encodeURIComponent(product.id)}/show`}>{product.title}</Link>
                    <Typography variant="body2" color="text.secondary" sx={{ fontSize: '0.8125rem' }}>
                      {productTypes.labels[product.type]} · nivå {product.level}
                    </Typography>
                  </TableCell>
                  <TableCell>
                    <Chip size="small" color={reason.colour} variant="outlined" label={reason.label} />
                  </TableCell>
                  <TableCell>{yesNo(row.coreTopic)}</TableCell>
                  <TableCell>{yesNo(row.currentNeed)}</TableCell>
                  <TableCell align="right">{formatNumber(row.downloadsLast12Months)}</TableCell>
                  <TableCell>
                    <CompactDate date={row.lastChangedOn} />
                  </TableCell>
                  <TableCell align="right">{formatNumber(row.daysSinceLastChange)}</TableCell>
                  <TableCell>{productStatuses.labels[product.status]}</TableCell>
                  <TableCell>{product.lastEvaluationOutcome ? <OutcomeChip outcome={product.lastEvaluationOutcome} /> : '–'}</TableCell>
                  <TableCell sx={{ color: overdue ? 'error.main' : undefined }}>
                    {product.nextEvaluationDue ? (
                      <>
                        <CompactDate date={product.nextEvaluationDue} />
                        {/* In words as well as in red: status never by colour alone. */}
                        {overdue && (
                          <Box component="span" sx={{ display: 'block' }}>
                            forfalt
                          </Box>
                        )}
                      </>
                    ) : (
                      '–'
                    )}
                  </TableCell>
                  <TableCell>{product.owner.name}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
    </Card>
  );
}
