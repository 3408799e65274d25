import { Box, TextField, type TextFieldProps, Typography } from '@mui/material';
import { useId } from 'react';
import { brokenPasswordRule, passwordRules } from '../../../content-model';

/**
 * A text field whose error (or hint) is its helper text, tied to the input with aria-describedby
 * together with any other descriptions (e.g. the password rules), so a screen reader reads both.
 */
export function DescribedField({
  describedBy,
  error,
  hint,
  ...props
}: Omit<TextFieldProps, 'error'> & { describedBy?: string; error?: string | undefined; hint?: string }) {
  const id = useId();
  const helperText = error ?? hint;
  const describedByIds = [describedBy, helperText ? `${id}-helper-text` : undefined].filter(Boolean).join(' ');
  return (
    <TextField
      id={id}
      fullWidth
      margin="dense"
      error={error !== undefined}
      helperText={helperText}
      {...props}
      slotProps={{
        ...props.slotProps,
        htmlInput: { ...(describedByIds ? { 'aria-describedby': describedByIds } : {}), ...(props.slotProps?.htmlInput as object | undefined) },
      }}
    />
  );
}

/** The pool's password policy as the rules a person reads (content-model/users.ts), with an id to describe fields by. */
export function PasswordRules({ id }: { id: string }) {
  return (
    <Box id={id} sx={{ my: 1 }}>
      <Typography variant="body2" component="p">
        Passordet må ha
      </Typography>
      <Box component="ul" sx={{ m: 0, pl: 3, typography: 'body2' }}>
        {passwordRules.map((rule) => (
          <li key={rule.text}>{rule.text}</li>
        ))}
      </Box>
    </Box>
  );
}

export interface NewPasswordValues {
  newPassword: string;
  repeatPassword: string;
}
export type NewPasswordErrors = Partial<Record<keyof NewPasswordValues, string>>;

/** The same checks as the pool's, before asking Cognito: the first rule broken, or two passwords that differ. */
export function newPasswordErrors({ newPassword, repeatPassword }: NewPasswordValues): NewPasswordErrors {
  const errors: NewPasswordErrors = {};
  if (!newPassword) errors.newPassword = 'Skriv inn et nytt passord';
  else {
    const broken = brokenPasswordRule(newPassword);
    if (broken) errors.newPassword = `Passordet oppfyller ikke kravet: ${broken.charAt(0).toLowerCase()}${broken.slice(1)}`;
  }
  if (!repeatPassword) errors.repeatPassword = 'Gjenta det nye passordet';
  else if (newPassword && repeatPassword !== newPassword) errors.repeatPassword = 'Passordene er ikke like';
  return errors;
}

/** "Nytt passord" and "Gjenta nytt passord", with the rules they must meet shown above them. */
export function NewPasswordFields({
  values,
  errors,
  onChange,
  autoFocus = false,
}: {
  values: NewPasswordValues;
  errors: NewPasswordErrors;
  onChange(values: NewPasswordValues): void;
  autoFocus?: boolean;
}) {
  const rulesId = useId();
  return (
    <>
      <PasswordRules id={rulesId} />
      <DescribedField
        label="Nytt passord"
        type="password"
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
        value={values.newPassword}
        onChange={(event) => onChange({ ...values, newPassword: event.target.value })}
        error={errors.newPassword}
        describedBy={rulesId}
      />
      <DescribedField
        label="Gjenta nytt passord"
        type="password"
        autoComplete="new-password"
        required
        value={values.repeatPassword}
        onChange={(event) => onChange({ ...values, repeatPassword: event.target.value })}
        error={errors.repeatPassword}
      />
    </>
  );
}
