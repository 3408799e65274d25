import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { Confirm, useDataProvider, useNotify } from 'react-admin';
import type { Registration, RegistrationChange } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { messageOf } from '../shared/httpErrors';

/** What cancelling does, as the API does it: a seat goes to the first in line, and both are emailed. */
function cancelConsequence(registration: Registration): string {
  const who = `${registration.name} (${registration.email})`;
  return registration.status === 'waitlisted'
    ? `${who} tas av ventelisten og får beskjed på e-post. Det kan ikke angres; personen må i så fall melde seg på igjen.`
    : `${who} meldes av og får beskjed på e-post. Plassen går til den første på ventelisten. Det kan ikke angres; personen må i så fall melde seg på igjen.`;
}

interface RegistrationActionsProps {
  eventId: string;
  registration: Registration;
  /** After a change: reload the list and the counts. */
  onChanged(): void;
}

/**
 * What the secretariat does with one registration: check in (or undo it) at the door, move a
 * participant between the waitlist and a seat, or cancel (after a confirmation).
 */
export function RegistrationActions({ eventId, registration, onChanged }: RegistrationActionsProps) {
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  if (registration.anonymisedAt || registration.status === 'cancelled' || registration.status === 'expired') return null;

  async function change(update: RegistrationChange, done: string) {
    setBusy(true);
    try {
      await dataProvider.updateRegistration(eventId, registration.id, update);
      notify(done, { type: 'success' });
      setConfirmingCancel(false);
      onChanged();
    } catch (error) {
      notify(messageOf(error, 'Endringen kunne ikke lagres'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  }

  const who = registration.name;
  return (
    <Stack spacing={0.5} sx={{ alignItems: 'flex-start', '& .MuiButton-root': { whiteSpace: 'nowrap' } }}>
      {registration.status === 'confirmed' ? (
        registration.checkedInAt ? (
          <Button size="small" disabled={busy} onClick={() => void change({ checkedIn: false }, `Innsjekkingen av ${who} er angret`)}>
            Angre innsjekking
          </Button>
        ) : (
          <Button size="small" variant="contained" disabled={busy} onClick={() => void change({ checkedIn: true }, `${who} er sjekket inn`)}>
            Sjekk inn
          </Button>
        )
      ) : null}
      {registration.status === 'held' ? (
        // The participant has not pressed «Bekreft plassen»; the secretariat may confirm for them (e.g. by phone).
        <Button size="small" variant="outlined" disabled={busy} onClick={() => void change({ status: 'confirmed' }, `Plassen til ${who} er bekreftet`)}>
          Bekreft plassen
        </Button>
      ) : null}
      {registration.status === 'confirmed' || registration.status === 'held' ? (
        // To the back of the line; the seat is not handed on by itself.
        <Button size="small" disabled={busy} onClick={() => void change({ status: 'waitlisted' }, `${who} er flyttet til ventelisten`)}>
          Flytt til venteliste
        </Button>
      ) : (
        // By hand, even when the seats are taken (overbooking); the participant is emailed.
        <Button size="small" variant="outlined" disabled={busy} onClick={() => void change({ status: 'confirmed' }, `${who} har fått plass`)}>
          Gi plass
        </Button>
      )}
      <Button size="small" color="error" disabled={busy} onClick={() => setConfirmingCancel(true)}>
        Avmeld
      </Button>
      <Confirm
        isOpen={confirmingCancel}
        loading={busy}
        title="Avmeld deltaker"
        content={cancelConsequence(registration)}
        confirm="Avmeld"
        confirmColor="warning"
        cancel="Avbryt"
        onConfirm={() => void change({ status: 'cancelled' }, `${who} er meldt av`)}
        onClose={() => setConfirmingCancel(false)}
      />
    </Stack>
  );
}
