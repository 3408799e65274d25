import {
  Alert,
  Box,
  Button as MuiButton,
  CircularProgress,
  MenuItem,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useDataProvider, useNotify } from 'react-admin';
import {
  formatNumber,
  formatOsloShortDateTime,
  inputStatuses,
  inputTriageSchema,
  stakeholderGroupLabel,
  stakeholderGroups,
  type InputStatus,
  type StakeholderInput,
} from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { fieldErrorsOf, messageOf } from '../shared/httpErrors';
import { useLoaded } from '../shared/useLoaded';
import { InputStatusChip } from './ConsultationChips';

/** Downloads the input to a consultation (or the general input) as CSV from the API. */
export function ExportInputsButton({ consultationId, fileName }: { consultationId: string; fileName: string }) {
  return <CsvDownloadButton fetchCsv={(dataProvider) => dataProvider.exportInputsCsv(consultationId)} fileName={fileName} />;
}

/**
 * The input submitted to a consultation, or the general input (GENERAL_INPUT), with a triage
 * control per input for editors and admins: new · considered · taken into the action plan ·
 * not taken (with a reason).
 */
export function InputsPanel({ consultationId, reloadKey = '' }: { consultationId: string; reloadKey?: string }) {
  const { canAccess: mayTriage } = useCanAccess({ resource: 'consultations', action: 'triage' });
  const { state, reload } = useLoaded((dataProvider) => dataProvider.listInputs(consultationId), `${consultationId}@${reloadKey}`);

  if (state.status === 'loading') return <CircularProgress aria-label="Laster innspill" />;
  if (state.status === 'failed') return <Alert severity="error">{state.message}</Alert>;
  const inputs = state.data;
  if (inputs.length === 0) return <Typography color="text.secondary">Ingen innspill ennå.</Typography>;

  const counts = inputStatuses.codes
    .map((status) => ({ status, count: inputs.filter((input) => input.status === status).length }))
    .filter(({ count }) => count > 0);
  return (
    <>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {formatNumber(inputs.length)} innspill – {counts.map(({ status, count }) => `${inputStatuses.labels[status]}: ${formatNumber(count)}`).join(' · ')}
      </Typography>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" aria-label="Innspill">
          <TableHead>
            <TableRow>
              <TableCell>Innsendt</TableCell>
              <TableCell sx={{ minWidth: 160 }}>Fra</TableCell>
              <TableCell sx={{ minWidth: 160 }}>{stakeholderGroupLabel}</TableCell>
              <TableCell sx={{ minWidth: 320 }}>Innspill</TableCell>
              <TableCell sx={{ minWidth: 260 }}>Status</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {inputs.map((input) => (
              <TableRow key={input.id} aria-label={`Innspill fra ${input.name}, ${input.organisation}`} sx={{ verticalAlign: 'top' }}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatOsloShortDateTime(input.submittedAt)}</TableCell>
                <TableCell>
                  <strong>{input.name}</strong>
                  <br />
                  {input.organisation}
                </TableCell>
                <TableCell>{stakeholderGroups.labels[input.stakeholderGroup]}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap', maxWidth: 560 }}>{input.text}</TableCell>
                <TableCell>
                  {mayTriage ? (
                    <TriageControl key={input.triagedAt ?? 'new'} consultationId={consultationId} input={input} onSaved={reload} />
                  ) : (
                    <TriageSummary input={input} />
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </>
  );
}

function TriageSummary({ input }: { input: StakeholderInput }) {
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start' }}>
      <InputStatusChip status={input.status} />
      {input.reason ? <Typography variant="body2">Begrunnelse: {input.reason}</Typography> : null}
      {input.triagedBy && input.triagedAt ? (
        <Typography variant="caption" color="text.secondary">
          {input.triagedBy}, {formatOsloShortDateTime(input.triagedAt)}
        </Typography>
      ) : null}
    </Stack>
  );
}

function TriageControl({ consultationId, input, onSaved }: { consultationId: string; input: StakeholderInput; onSaved(): void }) {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [status, setStatus] = useState<InputStatus>(input.status);
  const [reason, setReason] = useState(input.reason ?? '');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const changed = status !== input.status || reason.trim() !== (input.reason ?? '');
  const needsReason = status === 'not-taken';

  async function save() {
    // The control shows both fields, so it sends both: an emptied reason is cleared (null), not left as it was.
    const triage = inputTriageSchema.safeParse({ status, reason: reason.trim() || null });
    if (!triage.success) {
      setReasonError(triage.error.issues.find((issue) => issue.path[0] === 'reason')?.message ?? 'Ugyldig begrunnelse');
      return;
    }
    setReasonError(null);
    setBusy(true);
    try {
      await dataProvider.triageInput(consultationId, input.id, triage.data);
      notify('Innspillet er vurdert', { type: 'success' });
      onSaved();
    } catch (error) {
      const fields = fieldErrorsOf(error);
      if (fields.reason) setReasonError(fields.reason);
      else notify(messageOf(error, 'Vurderingen kunne ikke lagres'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <TextField select size="small" label="Status" value={status} onChange={(event) => setStatus(event.target.value as InputStatus)} sx={{ minWidth: 240 }}>
        {inputStatuses.codes.map((code) => (
          <MenuItem key={code} value={code}>
            {inputStatuses.labels[code]}
          </MenuItem>
        ))}
      </TextField>
      {needsReason || input.reason ? (
        <TextField
          size="small"
          label="Begrunnelse"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          error={Boolean(reasonError)}
          helperText={reasonError ?? (needsReason ? 'Påkrevd når innspillet ikke tas inn' : ' ')}
          required={needsReason}
          multiline
          minRows={2}
          sx={{ minWidth: 240 }}
        />
      ) : null}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <MuiButton size="small" variant="contained" onClick={() => void save()} disabled={busy || !changed}>
          Lagre vurdering
        </MuiButton>
        {input.triagedBy && input.triagedAt ? (
          <Typography variant="caption" color="text.secondary">
            {input.triagedBy}, {formatOsloShortDateTime(input.triagedAt)}
          </Typography>
        ) : null}
      </Stack>
    </Stack>
  );
}
