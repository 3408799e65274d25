import { MenuItem, Stack, TextField } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { useDataProvider, useNotify } from 'react-admin';
import { eventMessageSchema, mailingAudiences, type EventWithCounts, type MailingAudience } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { FormDialog } from '../shared/FormDialog';
import { errorsOnFields } from '../shared/httpErrors';
import { formMessage } from '../shared/validation';

const messageFields = ['subject', 'body', 'audience'] as const;
type MessageErrors = Partial<Record<(typeof messageFields)[number] | 'root', string>>;

/** "Send e-post til deltakerne": a plain message to the confirmed participants, the waitlist, or both. */
export function SendMessageDialog({ event, onSent, onCancel }: { event: EventWithCounts; onSent(): void; onCancel(): void }) {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [audience, setAudience] = useState<MailingAudience>('confirmed');
  const [errors, setErrors] = useState<MessageErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(submitted: FormEvent) {
    submitted.preventDefault();
    const parsed = eventMessageSchema.safeParse({ subject, body, audience }, { error: formMessage });
    if (!parsed.success) {
      const found: MessageErrors = {};
      for (const issue of parsed.error.issues) {
        const field = messageFields.find((name) => name === issue.path[0]);
        if (field) found[field] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await dataProvider.sendEventMessage(event.id, parsed.data);
      notify('E-posten er lagt i kø og sendes i løpet av noen minutter', { type: 'success' });
      onSent();
    } catch (error) {
      setErrors(errorsOnFields(error, messageFields, 'E-posten kunne ikke sendes'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDialog
      titleId="send-event-message-title"
      title="Send e-post til deltakerne"
      intro={`Om «${event.title}». Hver mottaker får e-posten én gang, med lenken for å melde seg av arrangementet.`}
      error={errors.root}
      busy={busy}
      submitLabel="Send e-post"
      onSubmit={(submitted) => void submit(submitted)}
      onCancel={onCancel}
    >
      <Stack spacing={2}>
        <TextField
          select
          label="Mottakere"
          value={audience}
          onChange={(change) => setAudience(change.target.value as MailingAudience)}
          error={Boolean(errors.audience)}
          helperText={errors.audience ?? ' '}
          required
        >
          {mailingAudiences.codes.map((code) => (
            <MenuItem key={code} value={code}>
              {mailingAudiences.labels[code]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label="Emne"
          value={subject}
          onChange={(change) => setSubject(change.target.value)}
          error={Boolean(errors.subject)}
          helperText={errors.subject ?? ' '}
          required
          autoFocus
        />
        <TextField
          label="Melding"
          value={body}
          onChange={(change) => setBody(change.target.value)}
          error={Boolean(errors.body)}
          helperText={errors.body ?? 'Ren tekst'}
          multiline
          minRows={6}
          required
        />
      </Stack>
    </FormDialog>
  );
}
