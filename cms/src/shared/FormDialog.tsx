import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, type ButtonProps } from '@mui/material';
import type { FormEvent, ReactNode } from 'react';

interface FormDialogProps {
  /** Defaults to open: most dialogs are mounted only while they are shown. */
  open?: boolean;
  /** The title's id, which names the dialog (aria-labelledby). */
  titleId: string;
  title: ReactNode;
  /** A lead text above the fields. */
  intro?: ReactNode;
  /** An overall message (e.g. from the API) above the fields. */
  error?: string | undefined;
  busy: boolean;
  submitLabel: ReactNode;
  submitColor?: ButtonProps['color'];
  /** Full width up to the small breakpoint; otherwise as wide as the content. */
  fullWidth?: boolean;
  onSubmit(event: FormEvent): void;
  onCancel(): void;
  children: ReactNode;
}

/**
 * The shell of a dialog with a form: title, optional lead text and error, the fields, and
 * "Avbryt" beside the submit button. Neither closing nor cancelling is possible while busy.
 */
export function FormDialog({
  open = true,
  titleId,
  title,
  intro,
  error,
  busy,
  submitLabel,
  submitColor,
  fullWidth = true,
  onSubmit,
  onCancel,
  children,
}: FormDialogProps) {
  return (
    <Dialog open={open} onClose={busy ? undefined : onCancel} aria-labelledby={titleId} fullWidth={fullWidth} maxWidth="sm">
      <form onSubmit={onSubmit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {intro ? <DialogContentText sx={{ mb: 2 }}>{intro}</DialogContentText> : null}
          {error ? (
            <Alert severity="error" sx={{ mb: 2 }}>
              {error}
            </Alert>
          ) : null}
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel} disabled={busy}>
            Avbryt
          </Button>
          <Button type="submit" variant="contained" disabled={busy} color={submitColor}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
