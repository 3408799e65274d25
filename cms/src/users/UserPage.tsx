import { Alert, Box, Button, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { type FormEvent, useState } from 'react';
import { Confirm, Link, Title, useDataProvider, useNavigate, useNotify, useParams } from 'react-admin';
import { formatOsloDateTime, formatOsloShortDate, type UserGroup, userGroups } from '../../../content-model';
import { decodeJwtClaims, readSession } from '../auth/session';
import type { CmsDataProvider } from '../data/dataProvider';
import { FormDialog } from '../shared/FormDialog';
import { errorsOnFields, messageOf } from '../shared/httpErrors';
import { LoadedContent } from '../shared/LoadedContent';
import { CardSection } from '../shared/sections';
import { useLoaded } from '../shared/useLoaded';
import { GroupChips, UserStatusChip } from './UserChips';
import { AdminsOnly, usersPath } from './UserList';
import type { ManagedUserWithHistory } from './userOperations';

function ChangeGroupDialog({ user, onChanged, onCancel }: { user: ManagedUserWithHistory; onChanged(): void; onCancel(): void }) {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [group, setGroup] = useState<UserGroup>(user.groups[0] ?? 'committee');
  const [errors, setErrors] = useState<Partial<Record<'group' | 'root', string>>>({});
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await dataProvider.updateUser(user.username, { group });
      notify(`${user.name || user.email} er nå ${userGroups.labels[group].toLowerCase()} (fra neste innlogging)`, { type: 'success' });
      onChanged();
    } catch (error) {
      setErrors(errorsOnFields(error, ['group'], 'Gruppen kunne ikke endres'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <FormDialog
      titleId="change-group-title"
      title={`Endre gruppe for ${user.name || user.email}`}
      intro="Endringen gjelder fra neste gang personen logger inn."
      error={errors.root}
      busy={busy}
      submitLabel="Endre gruppe"
      onSubmit={(event) => void submit(event)}
      onCancel={onCancel}
    >
      <TextField
        select
        fullWidth
        label="Gruppe"
        value={group}
        onChange={(event) => setGroup(event.target.value as UserGroup)}
        error={Boolean(errors.group)}
        helperText={errors.group ?? ' '}
        sx={{ mt: 1 }}
      >
        {userGroups.codes.map((code) => (
          <MenuItem key={code} value={code}>
            {userGroups.labels[code]}
          </MenuItem>
        ))}
      </TextField>
    </FormDialog>
  );
}

type Pending = 'group' | 'enable' | 'disable' | 'resend' | 'remove' | null;

function UserActions({ user, onChanged }: { user: ManagedUserWithHistory; onChanged(): void }) {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const navigate = useNavigate();
  const [pending, setPending] = useState<Pending>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const who = user.name || user.email;
  const session = readSession();
  const self = session ? decodeJwtClaims(session.idToken) : {};
  const isSelf = self['cognito:username'] === user.username || self.email === user.email;

  async function run(work: () => Promise<unknown>, success: string, after: () => void = onChanged) {
    setBusy(true);
    setFailure(undefined);
    try {
      await work();
      notify(success, { type: 'success' });
      setPending(null);
      after();
    } catch (error) {
      setPending(null);
      setFailure(messageOf(error, 'Endringen feilet'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      {failure ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {failure}
        </Alert>
      ) : null}
      <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
        <Button variant="outlined" onClick={() => setPending('group')} disabled={busy}>
          Endre gruppe
        </Button>
        {user.status === 'FORCE_CHANGE_PASSWORD' && user.enabled ? (
          <Button variant="outlined" onClick={() => setPending('resend')} disabled={busy}>
            Send invitasjonen på nytt
          </Button>
        ) : null}
        {user.enabled ? (
          isSelf ? null : (
            <Button variant="outlined" color="warning" onClick={() => setPending('disable')} disabled={busy}>
              Deaktiver
            </Button>
          )
        ) : (
          <Button variant="outlined" onClick={() => setPending('enable')} disabled={busy}>
            Aktiver
          </Button>
        )}
        {isSelf ? null : (
          <Button variant="outlined" color="error" onClick={() => setPending('remove')} disabled={busy}>
            Fjern
          </Button>
        )}
      </Stack>
      {isSelf ? (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Du kan ikke deaktivere eller fjerne deg selv.
        </Typography>
      ) : null}
      {pending === 'group' ? (
        <ChangeGroupDialog
          user={user}
          onChanged={() => {
            setPending(null);
            onChanged();
          }}
          onCancel={() => setPending(null)}
        />
      ) : null}
      <Confirm
        isOpen={pending === 'disable'}
        loading={busy}
        title={`Deaktiver ${who}`}
        content="Personen kan ikke logge inn før en administrator aktiverer hen igjen. En innlogging som allerede er i gang, varer til den går ut (høyst en time)."
        confirm="Deaktiver"
        confirmColor="warning"
        cancel="Avbryt"
        onConfirm={() => void run(() => dataProvider.updateUser(user.username, { enabled: false }), `${who} er deaktivert`)}
        onClose={() => setPending(null)}
      />
      <Confirm
        isOpen={pending === 'enable'}
        loading={busy}
        title={`Aktiver ${who}`}
        content="Personen kan logge inn igjen med passordet sitt."
        confirm="Aktiver"
        cancel="Avbryt"
        onConfirm={() => void run(() => dataProvider.updateUser(user.username, { enabled: true }), `${who} er aktivert`)}
        onClose={() => setPending(null)}
      />
      <Confirm
        isOpen={pending === 'resend'}
        loading={busy}
        title="Send invitasjonen på nytt"
        content={`${user.email} får en ny e-post med et nytt midlertidig passord. Det forrige slutter å virke.`}
        confirm="Send på nytt"
        cancel="Avbryt"
        onConfirm={() => void run(() => dataProvider.updateUser(user.username, { resendInvitation: true }), `Ny invitasjon er sendt til ${user.email}`)}
        onClose={() => setPending(null)}
      />
      <Confirm
        isOpen={pending === 'remove'}
        loading={busy}
        title={`Fjern ${who}`}
        content="Personen fjernes fra publiseringsløsningen og kan ikke logge inn. Historikken over endringene blir liggende. Skal hen tilbake, må hen inviteres på nytt."
        confirm="Fjern"
        confirmColor="warning"
        cancel="Avbryt"
        onConfirm={() =>
          void run(
            () => dataProvider.removeUser(user.username),
            `${who} er fjernet`,
            () => navigate(usersPath),
          )
        }
        onClose={() => setPending(null)}
      />
    </>
  );
}

function History({ user }: { user: ManagedUserWithHistory }) {
  if (user.history.length === 0) return <Typography>Ingen endringer er registrert.</Typography>;
  return (
    <Table size="small" aria-label={`Historikk for ${user.name || user.email}`}>
      <TableHead>
        <TableRow>
          <TableCell>Når</TableCell>
          <TableCell>Hvem</TableCell>
          <TableCell>Hva</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {user.history.map((record) => (
          <TableRow key={`${record.at}-${record.revision}-${record.action}`}>
            <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatOsloDateTime(record.at)}</TableCell>
            <TableCell>{record.by}</TableCell>
            <TableCell>{record.note ?? record.action}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function UserDetails({ username }: { username: string }) {
  const { state, reload } = useLoaded((dataProvider) => dataProvider.getUser(username), username);
  return (
    <LoadedContent state={state} loadingLabel="Laster brukeren">
      {(user) => (
        <Stack spacing={2} sx={{ maxWidth: 960 }}>
          <Title title={user.name || user.email} />
          <Typography variant="h5" component="h1">
            {user.name || user.email}
          </Typography>
          <CardSection id="bruker-tilgang" title="Tilgang">
            <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 1, m: 0, mb: 2, '& dd': { m: 0 } }}>
              <dt>E-postadresse</dt>
              <dd>{user.email}</dd>
              <dt>Gruppe</dt>
              <dd>
                <GroupChips user={user} />
              </dd>
              <dt>Status</dt>
              <dd>
                <UserStatusChip user={user} />
              </dd>
              <dt>Totrinnsinnlogging</dt>
              <dd>{user.mfa ? 'Ja' : 'Nei'}</dd>
              <dt>Opprettet</dt>
              <dd>{formatOsloShortDate(user.createdAt)}</dd>
            </Box>
            <UserActions user={user} onChanged={reload} />
          </CardSection>
          <CardSection id="bruker-historikk" title="Historikk">
            <History user={user} />
          </CardSection>
        </Stack>
      )}
    </LoadedContent>
  );
}

/** One user: access, the admin's actions and the history of changes to the access. */
export function UserPage() {
  const { username = '' } = useParams<{ username: string }>();
  return (
    <Box sx={{ py: 2, minWidth: 0 }}>
      <Box sx={{ mb: 1 }}>
        <Link to={usersPath}>← Alle brukere</Link>
      </Box>
      <AdminsOnly>
        <UserDetails username={username} />
      </AdminsOnly>
    </Box>
  );
}
