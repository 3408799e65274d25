import { Stack, TextField } from '@mui/material';
import { useEffect, useState, type FormEvent } from 'react';
import {
  consultationOptionsSchema,
  consultationPolicy,
  countedDays,
  defaultAudienceByLevel,
  defaultConsultationDeadline,
  formatOsloShortDate,
  isConsultedLevel,
  osloDate,
  type ConsultationOptions,
  type ConsultedLevel,
  type GovernanceLevel,
} from '../../../content-model';
import { FormDialog } from '../shared/FormDialog';

export type ConsultationFieldErrors = Partial<Record<'audience' | 'opensOn' | 'closesOn' | 'root', string>>;

interface ConsultationDialogProps {
  open: boolean;
  busy: boolean;
  level: GovernanceLevel;
  /** Field messages from the API's 400 (consultation.closesOn etc.), shown on the fields. */
  serverErrors: ConsultationFieldErrors;
  onCancel(): void;
  onSend(consultation: ConsultationOptions): void;
}

const windowTexts: Record<ConsultedLevel, string> = {
  1: 'Bred høring: normalt 3 måneder, minst 6 uker.',
  2: 'Normalt 4 uker, minst 3 uker.',
  3: 'Normalt 4 uker, minst 3 uker.',
};

/**
 * Sending to consultation opens a window with an audience and a deadline (governance model
 * chapter 8). Both are prefilled with the defaults for the level, where July days do not count and
 * extend the window, and can be changed; the API checks the minimum length.
 */
export function ConsultationDialog({ open, busy, level, serverErrors, onCancel, onSend }: ConsultationDialogProps) {
  if (!isConsultedLevel(level)) return null;
  // Mounted afresh each time it opens, so the defaults follow today and the level.
  return open ? <ConsultationForm busy={busy} level={level} serverErrors={serverErrors} onCancel={onCancel} onSend={onSend} /> : null;
}

function ConsultationForm({ busy, level, serverErrors, onCancel, onSend }: Omit<ConsultationDialogProps, 'open' | 'level'> & { level: ConsultedLevel }) {
  const today = osloDate(new Date());
  const [audience, setAudience] = useState(defaultAudienceByLevel[level]);
  const [opensOn, setOpensOn] = useState(today);
  const [closesOn, setClosesOn] = useState(() => defaultConsultationDeadline(level, today));
  const [deadlineEdited, setDeadlineEdited] = useState(false);
  const [localErrors, setLocalErrors] = useState<ConsultationFieldErrors>({});
  // The API's messages stay until the field they are about is changed.
  const [shownServerErrors, setShownServerErrors] = useState(serverErrors);
  useEffect(() => setShownServerErrors(serverErrors), [serverErrors]);
  const errors = { ...shownServerErrors, ...localErrors };

  function edited(field: keyof ConsultationFieldErrors) {
    setShownServerErrors(({ [field]: _dropped, ...rest }) => rest);
    setLocalErrors(({ [field]: _dropped, ...rest }) => rest);
  }

  function changeOpensOn(value: string) {
    edited('opensOn');
    setOpensOn(value);
    // Until the editor sets a deadline of their own, it follows the opening date.
    if (!deadlineEdited && /^\d{4}-\d{2}-\d{2}$/.test(value)) setClosesOn(defaultConsultationDeadline(level, value));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = consultationOptionsSchema.safeParse({ audience: audience.trim(), opensOn, closesOn });
    const found: ConsultationFieldErrors = {};
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path[0];
        if (field === 'audience') found.audience = 'Beskriv målgruppen (minst 3 tegn)';
        if (field === 'opensOn') found.opensOn = 'Oppgi når høringen åpner';
        if (field === 'closesOn') found.closesOn = 'Oppgi høringsfristen';
      }
    } else if (closesOn <= opensOn) {
      found.closesOn = 'Fristen må være etter at høringen åpner';
    }
    setLocalErrors(found);
    if (parsed.success && Object.keys(found).length === 0) onSend(parsed.data);
  }

  const validDates = /^\d{4}-\d{2}-\d{2}$/.test(opensOn) && /^\d{4}-\d{2}-\d{2}$/.test(closesOn) && closesOn > opensOn;
  const days = validDates ? countedDays(opensOn, closesOn) : null;
  const minimum = consultationPolicy[level].minimumDays;
  const deadlineHelp =
    errors.closesOn ??
    (days === null
      ? windowTexts[level]
      : `${days} dager (juli teller ikke). ${windowTexts[level]}${days < minimum ? ` For kort – minst ${minimum} dager.` : ''}`);

  return (
    <FormDialog
      titleId="consultation-dialog-title"
      title="Send på høring"
      intro={
        <>
          Høringen åpner for innspill fra målgruppen fram til fristen. Standard for nivå {level} er fylt inn; frist{' '}
          {formatOsloShortDate(defaultConsultationDeadline(level, today))} hvis høringen åpner i dag.
        </>
      }
      error={errors.root}
      busy={busy}
      submitLabel="Send på høring"
      onSubmit={submit}
      onCancel={onCancel}
    >
      <Stack spacing={2}>
        <TextField
          label="Målgruppe"
          value={audience}
          onChange={(event) => {
            edited('audience');
            setAudience(event.target.value);
          }}
          error={Boolean(errors.audience)}
          helperText={errors.audience ?? 'Hvem høringen går til'}
          multiline
          minRows={2}
          required
        />
        <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2}>
          <TextField
            label="Åpner"
            type="date"
            value={opensOn}
            onChange={(event) => changeOpensOn(event.target.value)}
            error={Boolean(errors.opensOn)}
            helperText={errors.opensOn}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: today } }}
            required
            sx={{ flex: 1 }}
          />
          <TextField
            label="Høringsfrist"
            type="date"
            value={closesOn}
            onChange={(event) => {
              edited('closesOn');
              setDeadlineEdited(true);
              setClosesOn(event.target.value);
            }}
            error={Boolean(errors.closesOn) || (days !== null && days < minimum)}
            helperText={deadlineHelp}
            slotProps={{ inputLabel: { shrink: true } }}
            required
            sx={{ flex: 1 }}
          />
        </Stack>
      </Stack>
    </FormDialog>
  );
}
