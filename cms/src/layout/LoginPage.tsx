import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Button, CardContent, CircularProgress, Link, Typography } from '@mui/material';
import { type FormEvent, type ReactNode, useCallback, useEffect, useId, useRef, useState } from 'react';
import { Form, Login, PasswordInput, required, TextInput, useLogin, useTranslate } from 'react-admin';
import type { LoginParams } from '../auth/authProvider';
import { AuthenticatorSecret } from '../auth/AuthenticatorSecret';
import {
  CognitoAuthError,
  confirmPasswordReset,
  requestPasswordReset,
  SignInChallenge,
  startAuthenticatorSetup,
  verifyAuthenticatorSetup,
} from '../auth/cognito';
import { DescribedField, NewPasswordFields, newPasswordErrors, type NewPasswordErrors, type NewPasswordValues } from '../auth/PasswordFields';
import { useConfig } from '../config';

function messageOf(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error && error.message) return error.message;
  return 'Innloggingen feilet – prøv igjen';
}

const codeOf = (error: unknown) => (error instanceof CognitoAuthError ? error.code : undefined);

/** Where the sign-in is: the password, a step Cognito asked for, or a forgotten password. */
type Step =
  | { kind: 'password'; username?: string; notice?: string; failure?: string }
  | { kind: 'challenge'; challenge: SignInChallenge }
  | { kind: 'forgot'; username: string }
  | { kind: 'reset'; username: string };

/** A challenge's session lives a few minutes in Cognito; after that only a new sign-in helps. */
const challengeExpired = 'Det tok for lang tid. Logg inn på nytt.';

/**
 * One step of the sign-in: a form named by its heading, an overall message above the fields, the
 * submit button and (optionally) a way back. Errors about one field are shown at that field.
 */
function StepForm({
  title,
  intro,
  failure,
  pending,
  submitLabel,
  pendingLabel,
  onSubmit,
  back,
  children,
}: {
  title: string;
  intro?: ReactNode;
  failure?: string | undefined;
  pending: boolean;
  submitLabel: string;
  pendingLabel: string;
  onSubmit(): void;
  back?: { label: string; onClick(): void };
  children: ReactNode;
}) {
  const headingId = useId();
  const failureId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <Box component="form" aria-labelledby={headingId} {...(failure ? { 'aria-describedby': failureId } : {})} onSubmit={submit} noValidate>
      <CardContent sx={{ width: 340, maxWidth: '100%', boxSizing: 'border-box', pb: 2 }}>
        <Typography id={headingId} variant="h6" component="h2" sx={{ mb: 1 }}>
          {title}
        </Typography>
        {intro ? (
          <Typography variant="body2" component="div" sx={{ mb: 1 }}>
            {intro}
          </Typography>
        ) : null}
        {failure ? (
          <Alert id={failureId} severity="error" role="alert" sx={{ my: 1 }}>
            {failure}
          </Alert>
        ) : null}
        {children}
        <Button variant="contained" type="submit" color="primary" disabled={pending} fullWidth sx={{ mt: 2 }}>
          {pending ? <CircularProgress size={19} thickness={3} aria-label={pendingLabel} /> : submitLabel}
        </Button>
        {back ? (
          <Button onClick={back.onClick} disabled={pending} fullWidth sx={{ mt: 1 }}>
            {back.label}
          </Button>
        ) : null}
      </CardContent>
    </Box>
  );
}

/**
 * react-admin's login form, but a failed login is told in the form, next to the fields, where a
 * screen reader announces it; react-admin's own form shows it as a toast that outlives the attempt.
 */
function PasswordStep({
  step,
  onChallenge,
  onForgot,
}: {
  step: Extract<Step, { kind: 'password' }>;
  onChallenge(challenge: SignInChallenge): void;
  onForgot(username: string): void;
}) {
  const login = useLogin();
  const translate = useTranslate();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(step.failure ?? null);
  const [username, setUsername] = useState(step.username ?? '');
  const failureId = useId();
  const noticeId = useId();

  const submit = (values: Record<string, unknown>) => {
    setPending(true);
    setFailure(null);
    login(values satisfies LoginParams).then(
      () => setPending(false),
      (error: unknown) => {
        setPending(false);
        if (error instanceof SignInChallenge) onChallenge(error);
        else setFailure(messageOf(error));
      },
    );
  };

  const describedBy = [failure ? failureId : undefined, step.notice ? noticeId : undefined].filter(Boolean).join(' ');
  return (
    // react-admin's Form renders a bare <form>; the landmark around it carries the name and the messages.
    <Box role="form" aria-label={translate('ra.auth.sign_in')} {...(describedBy ? { 'aria-describedby': describedBy } : {})}>
      <Form onSubmit={submit} mode="onChange" noValidate defaultValues={{ username: step.username ?? '' }}>
        <CardContent sx={{ width: 300, pb: 2 }}>
          {step.notice ? (
            <Alert id={noticeId} severity="success" role="status" sx={{ mt: 1 }}>
              {step.notice}
            </Alert>
          ) : null}
          {failure ? (
            <Alert id={failureId} severity="error" role="alert" sx={{ mt: 1 }}>
              {failure}
            </Alert>
          ) : null}
          <TextInput
            autoFocus={!step.username}
            source="username"
            label={translate('ra.auth.username')}
            autoComplete="username"
            validate={required()}
            onChange={(event: { target: { value: string } }) => setUsername(event.target.value)}
          />
          <PasswordInput
            autoFocus={Boolean(step.username)}
            source="password"
            label={translate('ra.auth.password')}
            autoComplete="current-password"
            validate={required()}
          />
          <Button variant="contained" type="submit" color="primary" disabled={pending} fullWidth sx={{ mt: 2 }}>
            {pending ? <CircularProgress size={19} thickness={3} aria-label="Logger inn" /> : translate('ra.auth.sign_in')}
          </Button>
          <Box sx={{ mt: 2, textAlign: 'center' }}>
            <Link component="button" type="button" variant="body2" onClick={() => onForgot(username.trim())}>
              Glemt passord?
            </Link>
          </Box>
        </CardContent>
      </Form>
    </Box>
  );
}

/** First sign-in with a temporary password: Cognito wants a new one, which must meet the pool's rules. */
function NewPasswordStep({
  challenge,
  onChallenge,
  onRestart,
}: {
  challenge: SignInChallenge;
  onChallenge(next: SignInChallenge): void;
  onRestart(message: string): void;
}) {
  const login = useLogin();
  const [values, setValues] = useState<NewPasswordValues>({ newPassword: '', repeatPassword: '' });
  const [errors, setErrors] = useState<NewPasswordErrors>({});
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = () => {
    const found = newPasswordErrors(values);
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    const params: LoginParams = {
      answer: {
        challenge: 'NEW_PASSWORD_REQUIRED',
        session: challenge.session,
        username: challenge.username,
        signInName: challenge.signInName,
        newPassword: values.newPassword,
      },
    };
    login(params).then(
      () => setPending(false),
      (error: unknown) => {
        setPending(false);
        if (error instanceof SignInChallenge) return onChallenge(error);
        const code = codeOf(error);
        if (code === 'InvalidPasswordException') setErrors({ newPassword: 'Passordet oppfyller ikke kravene til passord' });
        else if (code === 'NotAuthorizedException' || code === 'ExpiredCodeException') onRestart(challengeExpired);
        else setFailure(messageOf(error));
      },
    );
  };

  return (
    <StepForm
      title="Lag nytt passord"
      intro="Du logger inn for første gang. Lag et nytt passord som bare du kjenner, i stedet for det midlertidige."
      failure={failure}
      pending={pending}
      submitLabel="Lagre passordet og logg inn"
      pendingLabel="Lagrer passordet"
      onSubmit={submit}
      back={{ label: 'Avbryt', onClick: () => onRestart('') }}
    >
      <NewPasswordFields values={values} errors={errors} onChange={setValues} autoFocus />
    </StepForm>
  );
}

/** Two-step sign-in: the six digits the authenticator app shows now. */
function CodeStep({ challenge, onRestart }: { challenge: SignInChallenge; onRestart(message: string): void }) {
  const login = useLogin();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = () => {
    setFailure(undefined);
    const trimmed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(trimmed)) return setError('Skriv inn de seks sifrene appen viser');
    setError(undefined);
    setPending(true);
    login({
      answer: { challenge: 'SOFTWARE_TOKEN_MFA', session: challenge.session, username: challenge.username, signInName: challenge.signInName, code: trimmed },
    } satisfies LoginParams).then(
      () => setPending(false),
      (failed: unknown) => {
        setPending(false);
        const name = codeOf(failed);
        if (name === 'CodeMismatchException') setError('Koden stemmer ikke. Prøv med koden appen viser nå.');
        else if (name === 'NotAuthorizedException' || name === 'ExpiredCodeException') onRestart(challengeExpired);
        else setFailure(messageOf(failed));
      },
    );
  };

  return (
    <StepForm
      title="Totrinnsinnlogging"
      intro="Åpne autentiseringsappen og skriv inn koden den viser for Normen."
      failure={failure}
      pending={pending}
      submitLabel="Logg inn"
      pendingLabel="Logger inn"
      onSubmit={submit}
      back={{ label: 'Avbryt', onClick: () => onRestart('') }}
    >
      <DescribedField
        label="Kode fra autentiseringsappen"
        autoComplete="one-time-code"
        required
        autoFocus
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={error}
        slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 7 } }}
      />
    </StepForm>
  );
}

/**
 * A pool that requires two-step sign-in (normen:requireMfa) and a user without an authenticator
 * app: the app is set up here, with the challenge's session, before the first tokens.
 */
function SetupStep({ challenge, onRestart }: { challenge: SignInChallenge; onRestart(message: string): void }) {
  const { cognito } = useConfig();
  const login = useLogin();
  const [setup, setSetup] = useState<{ secret: string; session: string }>();
  const [code, setCode] = useState('');
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(true);
  // A challenge's session answers once; a second effect run (React's strict mode) must not spend it.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    startAuthenticatorSetup(cognito, challenge.session).then(
      (created) => {
        setSetup(created);
        setPending(false);
      },
      (failed: unknown) => {
        if (codeOf(failed) === 'NotAuthorizedException') onRestart(challengeExpired);
        else {
          setPending(false);
          setFailure(messageOf(failed));
        }
      },
    );
  }, [cognito, challenge.session, onRestart]);

  const submit = () => {
    if (!setup) return;
    setFailure(undefined);
    const trimmed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(trimmed)) return setError('Skriv inn de seks sifrene appen viser');
    setError(undefined);
    setPending(true);
    verifyAuthenticatorSetup(cognito, setup.session, trimmed)
      .then((verified) =>
        login({
          answer: { challenge: 'MFA_SETUP', session: verified, username: challenge.username, signInName: challenge.signInName },
        } satisfies LoginParams),
      )
      .then(
        () => setPending(false),
        (failed: unknown) => {
          setPending(false);
          const name = codeOf(failed);
          if (name === 'EnableSoftwareTokenMFAException' || name === 'CodeMismatchException') setError('Koden stemmer ikke. Prøv med koden appen viser nå.');
          else if (name === 'NotAuthorizedException' || name === 'ExpiredCodeException') onRestart(challengeExpired);
          else setFailure(messageOf(failed));
        },
      );
  };

  return (
    <StepForm
      title="Sett opp totrinnsinnlogging"
      intro="Publiseringsløsningen krever totrinnsinnlogging: passordet og en kode fra en autentiseringsapp på telefonen (for eksempel Microsoft Authenticator eller Google Authenticator)."
      failure={failure}
      pending={pending}
      submitLabel="Bekreft og logg inn"
      pendingLabel={setup ? 'Logger inn' : 'Lager nøkkelen'}
      onSubmit={submit}
      back={{ label: 'Avbryt', onClick: () => onRestart('') }}
    >
      {setup ? (
        <>
          <AuthenticatorSecret secret={setup.secret} account={challenge.signInName} />
          <DescribedField
            label="Kode fra autentiseringsappen"
            autoComplete="one-time-code"
            required
            autoFocus
            value={code}
            onChange={(event) => setCode(event.target.value)}
            error={error}
            slotProps={{ htmlInput: { inputMode: 'numeric', maxLength: 7 } }}
          />
        </>
      ) : null}
    </StepForm>
  );
}

function ForgotStep({ username, onSent, onBack }: { username: string; onSent(username: string): void; onBack(): void }) {
  const { cognito } = useConfig();
  const [email, setEmail] = useState(username);
  const [error, setError] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = () => {
    const address = email.trim();
    setFailure(undefined);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) return setError('Skriv inn e-postadressen du logger inn med');
    setError(undefined);
    setPending(true);
    requestPasswordReset(cognito, address).then(
      () => onSent(address),
      (failed: unknown) => {
        setPending(false);
        const code = codeOf(failed);
        // Whether an address has a user is not told (and Cognito, set to hide it, says nothing either).
        if (code === 'UserNotFoundException') onSent(address);
        else if (code === 'NotAuthorizedException' || code === 'InvalidParameterException')
          setError('Passordet kan ikke tilbakestilles ennå. Har du fått en invitasjon, logg inn med det midlertidige passordet i den.');
        else if (code === 'LimitExceededException' || code === 'TooManyRequestsException') setError(messageOf(failed));
        else setFailure(messageOf(failed));
      },
    );
  };

  return (
    <StepForm
      title="Glemt passord"
      intro="Skriv inn e-postadressen du logger inn med, så sender vi deg en kode for å lage et nytt passord."
      failure={failure}
      pending={pending}
      submitLabel="Send kode"
      pendingLabel="Sender koden"
      onSubmit={submit}
      back={{ label: 'Tilbake til innlogging', onClick: onBack }}
    >
      <DescribedField
        label="E-postadresse"
        type="email"
        autoComplete="username"
        required
        autoFocus
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={error}
      />
    </StepForm>
  );
}

function ResetStep({ username, onDone, onBack }: { username: string; onDone(): void; onBack(): void }) {
  const { cognito } = useConfig();
  const [code, setCode] = useState('');
  const [values, setValues] = useState<NewPasswordValues>({ newPassword: '', repeatPassword: '' });
  const [errors, setErrors] = useState<NewPasswordErrors & { code?: string }>({});
  const [failure, setFailure] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [pending, setPending] = useState(false);

  const submit = () => {
    const trimmed = code.replace(/\s/g, '');
    const found: NewPasswordErrors & { code?: string } = newPasswordErrors(values);
    if (!trimmed) found.code = 'Skriv inn koden fra e-posten';
    setErrors(found);
    setFailure(undefined);
    if (Object.keys(found).length > 0) return;
    setPending(true);
    confirmPasswordReset(cognito, { username, code: trimmed, newPassword: values.newPassword }).then(onDone, (failed: unknown) => {
      setPending(false);
      switch (codeOf(failed)) {
        case 'CodeMismatchException':
          return setErrors({ code: 'Koden stemmer ikke. Sjekk at du har skrevet den slik den står i e-posten.' });
        case 'ExpiredCodeException':
          return setErrors({ code: 'Koden er utløpt. Be om en ny kode.' });
        case 'LimitExceededException':
        case 'TooManyFailedAttemptsException':
        case 'TooManyRequestsException':
          return setErrors({ code: 'For mange forsøk. Vent litt og prøv igjen.' });
        case 'InvalidPasswordException':
          return setErrors({ newPassword: 'Passordet oppfyller ikke kravene til passord' });
        default:
          return setFailure(messageOf(failed));
      }
    });
  };

  const sendAgain = () => {
    setNotice(undefined);
    requestPasswordReset(cognito, username).then(
      () => setNotice(`Vi har sendt en ny kode til ${username}.`),
      (failed: unknown) => setFailure(messageOf(failed)),
    );
  };

  return (
    <StepForm
      title="Lag nytt passord"
      intro={
        <>
          <p style={{ margin: 0 }}>Vi har sendt en kode til {username}. Den kommer bare hvis adressen hører til en bruker av publiseringsløsningen.</p>
          {notice ? (
            <Alert severity="info" role="status" sx={{ mt: 1 }}>
              {notice}
            </Alert>
          ) : null}
        </>
      }
      failure={failure}
      pending={pending}
      submitLabel="Lagre nytt passord"
      pendingLabel="Lagrer passordet"
      onSubmit={submit}
      back={{ label: 'Tilbake til innlogging', onClick: onBack }}
    >
      <DescribedField
        label="Kode fra e-posten"
        autoComplete="one-time-code"
        required
        autoFocus
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={errors.code}
        slotProps={{ htmlInput: { inputMode: 'numeric' } }}
      />
      <Box sx={{ textAlign: 'right' }}>
        <Link component="button" type="button" variant="body2" onClick={sendAgain} disabled={pending}>
          Send ny kode
        </Link>
      </Box>
      <NewPasswordFields values={values} errors={errors} onChange={setValues} />
    </StepForm>
  );
}

function SignIn() {
  const [step, setStep] = useState<Step>({ kind: 'password' });
  // Stable, since the setup step's effect depends on it.
  const restart = useCallback((message: string) => setStep({ kind: 'password', ...(message ? { failure: message } : {}) }), []);

  switch (step.kind) {
    case 'password':
      return (
        <PasswordStep
          // A fresh form for each visit, so the messages and values of the last one are gone.
          key={JSON.stringify(step)}
          step={step}
          onChallenge={(challenge) => setStep({ kind: 'challenge', challenge })}
          onForgot={(username) => setStep({ kind: 'forgot', username })}
        />
      );
    case 'challenge':
      switch (step.challenge.challenge) {
        case 'NEW_PASSWORD_REQUIRED':
          return <NewPasswordStep challenge={step.challenge} onChallenge={(challenge) => setStep({ kind: 'challenge', challenge })} onRestart={restart} />;
        case 'SOFTWARE_TOKEN_MFA':
          return <CodeStep key={step.challenge.session} challenge={step.challenge} onRestart={restart} />;
        case 'MFA_SETUP':
          return <SetupStep key={step.challenge.session} challenge={step.challenge} onRestart={restart} />;
      }
      break;
    case 'forgot':
      return (
        <ForgotStep
          username={step.username}
          onSent={(username) => setStep({ kind: 'reset', username })}
          onBack={() => setStep({ kind: 'password', ...(step.username ? { username: step.username } : {}) })}
        />
      );
    case 'reset':
      return (
        <ResetStep
          username={step.username}
          onDone={() => setStep({ kind: 'password', username: step.username, notice: 'Passordet er endret. Logg inn med det nye passordet.' })}
          onBack={() => setStep({ kind: 'password', username: step.username })}
        />
      );
  }
}

/** react-admin's login page, with the product name so users know where they are signing in. */
export function LoginPage() {
  return (
    <Login avatarIcon={<LockIcon />}>
      <Typography variant="h6" component="h1" align="center" sx={{ px: 2 }}>
        Normen – innholdsforvaltning
      </Typography>
      <SignIn />
    </Login>
  );
}
