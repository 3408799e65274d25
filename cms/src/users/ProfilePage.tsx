import { Alert, Box, Button, Chip, CircularProgress, Stack, Typography } from '@mui/material';
import { type FormEvent, useEffect, useState } from 'react';
import { Confirm, Title, useAuthenticated } from 'react-admin';
import { userGroups } from '../../../content-model';
import {
  changePassword,
  CognitoAuthError,
  type CurrentUser,
  currentUser,
  newAuthenticatorSecret,
  turnOffAuthenticatorApp,
  turnOnAuthenticatorApp,
} from '../auth/cognito';
import { AuthenticatorSecret } from '../auth/AuthenticatorSecret';
import { DescribedField, NewPasswordFields, newPasswordErrors, type NewPasswordErrors, type NewPasswordValues } from '../auth/PasswordFields';
import { decodeJwtClaims, groupsOf, readSession } from '../auth/session';
import { freshSession } from '../auth/tokens';
import { useConfig } from '../config';
import { CardSection } from '../shared/sections';

const codeOf = (error: unknown) => (error instanceof CognitoAuthError ? error.code : undefined);
const messageOf = (error: unknown) => (error instanceof Error && error.message ? error.message : 'Noe gikk galt – prøv igjen');

/** Who is signed in, as the id token says. */
function AboutYou({ me }: { me: CurrentUser | null }) {
  const session = readSession();
  const claims = session ? decodeJwtClaims(session.idToken) : {};
  const groups = groupsOf(session);
  return (
    <CardSection id="profil-om-deg" title="Om deg">
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 1, m: 0, '& dd': { m: 0 } }}>
        <dt>Navn</dt>
        <dd>{me?.name ?? claims.name ?? '–'}</dd>
        <dt>E-postadresse</dt>
        <dd>{me?.email ?? claims.email ?? '–'}</dd>
        <dt>Grupper</dt>
        <dd>
          {groups.length ? (
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
              {groups.map((group) => (
                <Chip key={group} size="small" label={userGroups.labels[group]} />
              ))}
            </Stack>
          ) : (
            'Ingen'
          )}
        </dd>
      </Box>
      <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
        Navn, e-postadresse og grupper endres av en administrator.
      </Typography>
    </CardSection>
  );
}

function ChangePassword() {
  const { cognito } = useConfig();
  const [current, setCurrent] = useState('');
  const [values, setValues] = useState<NewPasswordValues>({ newPassword: '', repeatPassword: '' });
  const [errors, setErrors] = useState<NewPasswordErrors & { current?: string }>({});
  const [failure, setFailure] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: NewPasswordErrors & { current?: string } = newPasswordErrors(values);
    if (!current) found.current = 'Skriv inn passordet du har nå';
    setErrors(found);
    setFailure(undefined);
    setDone(false);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const session = await freshSession(cognito);
      await changePassword(cognito, session.accessToken, current, values.newPassword);
      setCurrent('');
      setValues({ newPassword: '', repeatPassword: '' });
      setDone(true);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'NotAuthorizedException') setErrors({ current: 'Passordet stemmer ikke' });
      else if (code === 'InvalidPasswordException') setErrors({ newPassword: 'Passordet oppfyller ikke kravene til passord' });
      else if (code === 'LimitExceededException' || code === 'TooManyRequestsException') setErrors({ current: messageOf(error) });
      else setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <CardSection id="profil-passord" title="Bytt passord">
      <Box component="form" aria-labelledby="profil-passord" onSubmit={(event) => void submit(event)} noValidate sx={{ maxWidth: 420 }}>
        {done ? (
          <Alert severity="success" role="status" sx={{ mb: 1 }}>
            Passordet er endret.
          </Alert>
        ) : null}
        {failure ? (
          <Alert severity="error" role="alert" sx={{ mb: 1 }}>
            {failure}
          </Alert>
        ) : null}
        <DescribedField
          label="Nåværende passord"
          type="password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(event) => setCurrent(event.target.value)}
          error={errors.current}
        />
        <NewPasswordFields values={values} errors={errors} onChange={setValues} />
        <Button type="submit" variant="contained" disabled={busy} sx={{ mt: 2 }}>
          Bytt passord
        </Button>
      </Box>
    </CardSection>
  );
}

function TwoStepSignIn({ me, loadFailure }: { me: CurrentUser | null; loadFailure: string | undefined }) {
  const { cognito } = useConfig();
  const [enabled, setEnabled] = useState<boolean | null>(me?.authenticatorApp ?? null);
  const [secret, setSecret] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [confirmOff, setConfirmOff] = useState(false);
  const claims = decodeJwtClaims(readSession()?.idToken ?? '');
  const account = me?.email ?? claims.email ?? claims['cognito:username'] ?? 'bruker';

  useEffect(() => {
    if (me) setEnabled(me.authenticatorApp);
  }, [me]);
  useEffect(() => setFailure(loadFailure), [loadFailure]);

  async function start() {
    setBusy(true);
    setFailure(undefined);
    setNotice(undefined);
    try {
      const session = await freshSession(cognito);
      setSecret(await newAuthenticatorSecret(cognito, session.accessToken));
      setCode('');
      setCodeError(undefined);
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  async function verify(event: FormEvent) {
    event.preventDefault();
    const trimmed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(trimmed)) return setCodeError('Skriv inn de seks sifrene appen viser');
    setCodeError(undefined);
    setFailure(undefined);
    setBusy(true);
    try {
      const session = await freshSession(cognito);
      await turnOnAuthenticatorApp(cognito, session.accessToken, trimmed);
      setSecret(null);
      setEnabled(true);
      setNotice('Totrinnsinnlogging er slått på. Neste gang du logger inn, ber vi om en kode fra appen.');
    } catch (error) {
      const name = codeOf(error);
      if (name === 'CodeMismatchException' || name === 'EnableSoftwareTokenMFAException') setCodeError('Koden stemmer ikke. Prøv med koden appen viser nå.');
      else setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setBusy(true);
    setFailure(undefined);
    try {
      const session = await freshSession(cognito);
      await turnOffAuthenticatorApp(cognito, session.accessToken);
      setEnabled(false);
      setNotice('Totrinnsinnlogging er slått av.');
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
      setConfirmOff(false);
    }
  }

  return (
    <CardSection id="profil-totrinn" title="Totrinnsinnlogging">
      <Typography variant="body2" sx={{ mb: 2, maxWidth: 640 }}>
        Med totrinnsinnlogging trenger du både passordet og en kode fra en autentiseringsapp på telefonen (for eksempel Microsoft Authenticator eller Google
        Authenticator) for å logge inn.
      </Typography>
      {notice ? (
        <Alert severity="success" role="status" sx={{ mb: 2 }}>
          {notice}
        </Alert>
      ) : null}
      {failure ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }}>
          {failure}
        </Alert>
      ) : null}
      {enabled === null && !failure ? <CircularProgress size={24} aria-label="Henter innstillingen for totrinnsinnlogging" /> : null}
      {enabled === true ? (
        <>
          <Typography sx={{ mb: 2 }}>
            <Chip size="small" color="success" label="På" sx={{ mr: 1 }} />
            Totrinnsinnlogging er slått på.
          </Typography>
          <Button variant="outlined" color="warning" disabled={busy} onClick={() => setConfirmOff(true)}>
            Slå av totrinnsinnlogging
          </Button>
          <Confirm
            isOpen={confirmOff}
            loading={busy}
            title="Slå av totrinnsinnlogging"
            content="Etter dette logger du inn med bare passordet. Du kan slå det på igjen når du vil."
            confirm="Slå av"
            cancel="Avbryt"
            onConfirm={() => void turnOff()}
            onClose={() => setConfirmOff(false)}
          />
        </>
      ) : null}
      {enabled === false && !secret ? (
        <>
          <Typography sx={{ mb: 2 }}>
            <Chip size="small" variant="outlined" label="Av" sx={{ mr: 1 }} />
            Totrinnsinnlogging er slått av.
          </Typography>
          <Button variant="contained" disabled={busy} onClick={() => void start()}>
            Slå på totrinnsinnlogging
          </Button>
        </>
      ) : null}
      {secret ? (
        <Box component="form" aria-label="Koble til autentiseringsappen" onSubmit={(event) => void verify(event)} noValidate sx={{ maxWidth: 520 }}>
          <AuthenticatorSecret secret={secret} account={account} />
          <DescribedField
            label="Kode fra autentiseringsappen"
            autoComplete="one-time-code"
            required
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={codeError}
            slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 7 } }}
            sx={{ maxWidth: 320 }}
          />
          <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
            <Button type="submit" variant="contained" disabled={busy}>
              Bekreft og slå på
            </Button>
            <Button disabled={busy} onClick={() => setSecret(null)}>
              Avbryt
            </Button>
          </Stack>
        </Box>
      ) : null}
    </CardSection>
  );
}

/** Everyone's own page: who they are, their password and two-step sign-in. */
export function ProfilePage() {
  useAuthenticated();
  const { cognito } = useConfig();
  const [me, setMe] = useState<CurrentUser | null>(null);
  const [loadFailure, setLoadFailure] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    freshSession(cognito)
      .then((session) => currentUser(cognito, session.accessToken))
      .then(
        (user) => {
          if (!cancelled) setMe(user);
        },
        (error: unknown) => {
          if (!cancelled) setLoadFailure(messageOf(error));
        },
      );
    return () => {
      cancelled = true;
    };
  }, [cognito]);
  return (
    <Box sx={{ py: 2, minWidth: 0 }}>
      <Title title="Profil" />
      <Typography variant="h5" component="h1" gutterBottom>
        Profil
      </Typography>
      <Stack spacing={2} sx={{ maxWidth: 960 }}>
        <AboutYou me={me} />
        <ChangePassword />
        <TwoStepSignIn me={me} loadFailure={loadFailure} />
      </Stack>
    </Box>
  );
}
