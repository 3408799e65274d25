import EditCalendarIcon from '@mui/icons-material/EditCalendar';
import { Box, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Button, Link, Show, TopToolbar, useCanAccess, useDataProvider, useNotify, useRecordContext, useRefresh } from 'react-admin';
import {
  consultationPolicy,
  consultationUpdateSchema,
  countedDays,
  daysBetween,
  formatNumber,
  formatOsloShortDate,
  formatOsloShortDateTime,
  osloDate,
  type ConsultationUpdate,
} from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import type { ConsultationListItem } from './consultationsDataProvider';
import { FormDialog } from '../shared/FormDialog';
import { errorsOnFields } from '../shared/httpErrors';
import { ConsultationStateChip } from './ConsultationChips';
import { ExportInputsButton, InputsPanel } from './InputsPanel';

function ConsultationTitle() {
  const consultation = useRecordContext<ConsultationListItem>();
  return <span>{consultation ? `Høring: ${consultation.productTitle}` : 'Høring'}</span>;
}

function ShowActions() {
  const consultation = useRecordContext<ConsultationListItem>();
  return (
    <TopToolbar sx={{ alignItems: 'center', gap: 1 }}>
      <EditConsultationButton />
      {consultation ? <ExportInputsButton consultationId={consultation.id} fileName={`innspill-${consultation.productSlug}.csv`} /> : null}
    </TopToolbar>
  );
}

function FieldGrid({ children }: { children: ReactNode }) {
  return <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', columnGap: 3, rowGap: 1, width: '100%' }}>{children}</Box>;
}

/** A labelled fact, styled like react-admin's Labeled (which only labels field components). */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box sx={{ mb: 1 }}>
      <Typography variant="caption" component="div" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

function deadlineText(consultation: ConsultationListItem): string {
  const today = osloDate(new Date());
  if (consultation.state === 'closed') return `${formatOsloShortDate(consultation.closesOn)} (utløpt)`;
  const daysLeft = daysBetween(today, consultation.closesOn);
  return `${formatOsloShortDate(consultation.closesOn)} (${daysLeft === 0 ? 'i dag' : `${daysLeft} dager igjen`})`;
}

function ConsultationDetails() {
  const consultation = useRecordContext<ConsultationListItem>();
  if (!consultation) return null;
  return (
    <Box sx={{ p: 2 }}>
      <Typography variant="h5" component="h1">
        Høring: {consultation.productTitle}
      </Typography>
      <Stack direction="row" spacing={1} sx={{ my: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        <ConsultationStateChip state={consultation.state} />
        <Link to={`/products/${encodeURIComponent(consultation.productId)}/show`}>Gå til produktet</Link>
      </Stack>
      <FieldGrid>
        <Fact label="Målgruppe">
          <span>{consultation.audience}</span>
        </Fact>
        <Fact label="Åpnet">
          <span>{formatOsloShortDate(consultation.opensOn)}</span>
        </Fact>
        <Fact label="Høringsfrist">
          <span>{deadlineText(consultation)}</span>
        </Fact>
        <Fact label="Nivå">
          <span>{consultation.level}</span>
        </Fact>
        <Fact label="Versjon på høring">
          <span>{consultation.version}</span>
        </Fact>
        <Fact label="Innspill">
          <span>{formatNumber(consultation.inputCount)}</span>
        </Fact>
        <Fact label="Sendt på høring">
          <span>
            {formatOsloShortDateTime(consultation.createdAt)} av {consultation.createdBy}
          </span>
        </Fact>
      </FieldGrid>
      <Typography variant="h6" component="h2" sx={{ mt: 3, mb: 1 }}>
        Innspill
      </Typography>
      <InputsPanel consultationId={consultation.id} reloadKey={String(consultation.revision)} />
    </Box>
  );
}

export function ConsultationShow() {
  return (
    <Show title={<ConsultationTitle />} actions={<ShowActions />}>
      <ConsultationDetails />
    </Show>
  );
}

/** Editors and admins can move the deadline or change the audience; the API checks the minimum window. */
function EditConsultationButton() {
  const consultation = useRecordContext<ConsultationListItem>();
  const { canAccess } = useCanAccess({ resource: 'consultations', action: 'edit' });
  const [open, setOpen] = useState(false);
  if (!consultation || !canAccess) return null;
  return (
    <>
      <Button label="Endre frist og målgruppe" onClick={() => setOpen(true)}>
        <EditCalendarIcon />
      </Button>
      {open ? <EditConsultationDialog consultation={consultation} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

type EditErrors = Partial<Record<'audience' | 'closesOn' | 'root', string>>;

function EditConsultationDialog({ consultation, onClose }: { consultation: ConsultationListItem; onClose(): void }) {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [audience, setAudience] = useState(consultation.audience);
  const [closesOn, setClosesOn] = useState(consultation.closesOn);
  const [errors, setErrors] = useState<EditErrors>({});
  const [busy, setBusy] = useState(false);
  const minimum = consultation.level === 4 ? null : consultationPolicy[consultation.level].minimumDays;
  const days = /^\d{4}-\d{2}-\d{2}$/.test(closesOn) && closesOn > consultation.opensOn ? countedDays(consultation.opensOn, closesOn) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    const update: ConsultationUpdate = {
      expectedRevision: consultation.revision,
      ...(audience.trim() !== consultation.audience ? { audience: audience.trim() } : {}),
      ...(closesOn !== consultation.closesOn ? { closesOn } : {}),
    };
    const parsed = consultationUpdateSchema.safeParse(update);
    if (!parsed.success) {
      const found: EditErrors = {};
      for (const issue of parsed.error.issues) {
        if (issue.path[0] === 'audience') found.audience = 'Beskriv målgruppen (minst 3 tegn)';
        if (issue.path[0] === 'closesOn') found.closesOn = 'Oppgi en gyldig dato';
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await dataProvider.updateConsultation(consultation.id, parsed.data);
      notify('Høringen er oppdatert', { type: 'success' });
      onClose();
      refresh();
    } catch (error) {
      setErrors(errorsOnFields(error, ['audience', 'closesOn'], 'Endringen kunne ikke lagres'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDialog
      titleId="edit-consultation-title"
      title="Endre frist og målgruppe"
      intro={<>Høringen åpnet {formatOsloShortDate(consultation.opensOn)}. Juli teller ikke med i fristen.</>}
      error={errors.root}
      busy={busy}
      submitLabel="Lagre"
      onSubmit={submit}
      onCancel={onClose}
    >
      <Stack spacing={2}>
        <TextField
          label="Målgruppe"
          value={audience}
          onChange={(event) => setAudience(event.target.value)}
          error={Boolean(errors.audience)}
          helperText={errors.audience}
          multiline
          minRows={2}
          required
        />
        <TextField
          label="Høringsfrist"
          type="date"
          value={closesOn}
          onChange={(event) => setClosesOn(event.target.value)}
          error={Boolean(errors.closesOn) || (days !== null && minimum !== null && days < minimum)}
          helperText={errors.closesOn ?? (days === null ? ' ' : `${days} dager (juli teller ikke)${minimum !== null ? `, minst ${minimum}` : ''}.`)}
          slotProps={{ inputLabel: { shrink: true } }}
          required
        />
      </Stack>
    </FormDialog>
  );
}
