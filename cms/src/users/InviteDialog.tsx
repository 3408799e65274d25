import { MenuItem, Stack, TextField } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { HttpError, useDataProvider, useNotify } from 'react-admin';
import { type ManagedUser, type UserGroup, userGroups, userInviteSchema } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { FormDialog } from '../shared/FormDialog';
import { errorsOnFields } from '../shared/httpErrors';
import { formMessage } from '../shared/validation';

const inviteFields = ['email', 'name', 'group'] as const;
type InviteErrors = Partial<Record<(typeof inviteFields)[number] | 'root', string>>;

/** "Inviter": the person gets an email with the CMS address and a temporary password. */
export function InviteDialog({ onInvited, onCancel }: { onInvited(user: ManagedUser): void; onCancel(): void }) {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [group, setGroup] = useState<UserGroup | ''>('');
  const [errors, setErrors] = useState<InviteErrors>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = userInviteSchema.safeParse({ email, name, group: group || undefined }, { error: formMessage });
    if (!parsed.success) {
      const found: InviteErrors = {};
      for (const issue of parsed.error.issues) {
        const field = inviteFields.find((candidate) => candidate === issue.path[0]);
        if (field) found[field] ??= field === 'group' ? 'Velg en gruppe' : issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const invited = await dataProvider.inviteUser(parsed.data);
      notify(`Invitasjonen er sendt til ${invited.email}`, { type: 'success' });
      onInvited(invited);
    } catch (error) {
      // 409: someone with this address is in the pool already; the API names the email field.
      if (error instanceof HttpError && error.status === 409) setErrors({ email: error.message });
      else setErrors(errorsOnFields(error, inviteFields, 'Invitasjonen kunne ikke sendes'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDialog
      titleId="invite-user-title"
      title="Inviter en ny bruker"
      intro="Personen får en e-post med adressen til publiseringsløsningen og et midlertidig passord, og lager sitt eget passord første gang hen logger inn."
      error={errors.root}
      busy={busy}
      submitLabel="Send invitasjon"
      onSubmit={(event) => void submit(event)}
      onCancel={onCancel}
    >
      <Stack spacing={2} sx={{ pt: 1 }}>
        <TextField
          label="E-postadresse"
          type="email"
          autoComplete="off"
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={Boolean(errors.email)}
          helperText={errors.email ?? 'Personen logger inn med denne adressen'}
          required
          autoFocus
        />
        <TextField
          label="Navn"
          autoComplete="off"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={Boolean(errors.name)}
          helperText={errors.name ?? ' '}
          required
        />
        <TextField
          select
          label="Gruppe"
          value={group}
          onChange={(event) => setGroup(event.target.value as UserGroup)}
          error={Boolean(errors.group)}
          helperText={errors.group ?? 'Bestemmer hva personen kan gjøre i publiseringsløsningen'}
          required
        >
          {userGroups.codes.map((code) => (
            <MenuItem key={code} value={code}>
              {userGroups.labels[code]}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
    </FormDialog>
  );
}
