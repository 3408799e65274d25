import LockIcon from '@mui/icons-material/Lock';
import { Alert, Box, Button, CardContent, CircularProgress, Typography } from '@mui/material';
import { useId, useState } from 'react';
import { Form, Login, PasswordInput, required, TextInput, useLogin, useTranslate } from 'react-admin';

function messageOf(error: unknown): string {
  if (typeof error === 'string') return error;
  if (error instanceof Error && error.message) return error.message;
  return 'Innloggingen feilet – prøv igjen';
}

/**
 * react-admin's login form, but a failed login is told in the form, next to the fields, where a
 * screen reader announces it; react-admin's own form shows it as a toast that outlives the attempt.
 */
function CmsLoginForm() {
  const login = useLogin();
  const translate = useTranslate();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const failureId = useId();

  const submit = (values: Record<string, unknown>) => {
    setPending(true);
    setFailure(null);
    login(values).then(
      () => setPending(false),
      (error: unknown) => {
        setPending(false);
        setFailure(messageOf(error));
      },
    );
  };

  return (
    // react-admin's Form renders a bare <form>; the landmark around it carries the name and the failure.
    <Box role="form" aria-label={translate('ra.auth.sign_in')} {...(failure ? { 'aria-describedby': failureId } : {})}>
      <Form onSubmit={submit} mode="onChange" noValidate>
        <CardContent sx={{ width: 300, pb: 2 }}>
          {failure ? (
            <Alert id={failureId} severity="error" role="alert" sx={{ mt: 1 }}>
              {failure}
            </Alert>
          ) : null}
          <TextInput autoFocus source="username" label={translate('ra.auth.username')} autoComplete="username" validate={required()} />
          <PasswordInput source="password" label={translate('ra.auth.password')} autoComplete="current-password" validate={required()} />
          <Button variant="contained" type="submit" color="primary" disabled={pending} fullWidth sx={{ mt: 2 }}>
            {pending ? <CircularProgress size={19} thickness={3} aria-label="Logger inn" /> : translate('ra.auth.sign_in')}
          </Button>
        </CardContent>
      </Form>
    </Box>
  );
}

/** react-admin's login page, with the product name so users know where they are signing in. */
export function LoginPage() {
  return (
    <Login avatarIcon={<LockIcon />}>
      <Typography variant="h6" component="h1" align="center" sx={{ px: 2 }}>
        Normen – innholdsforvaltning
      </Typography>
      <CmsLoginForm />
    </Login>
  );
}
