import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { Confirm, useDataProvider, useNotify } from 'react-admin';
import type { Registration, RegistrationChange } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { messageOf } from '../shared/httpErrors';

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
  if (registration.anonymisedAt || registration.status === 'cancelled') return null;

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
    <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
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
      {registration.status === 'confirmed' ? (
        <Button size="small" disabled={busy} onClick={() => void change({ status: 'waitlisted' }, `${who} er flyttet til ventelisten`)}>
          Flytt til venteliste
        </Button>
      ) : (
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
        content={`${who} (${registration.email}) meldes av arrangementet, og plassen blir ledig. Deltakeren må melde seg på igjen for å få en ny plass.`}
        confirm="Avmeld"
        confirmColor="warning"
        cancel="Avbryt"
        onConfirm={() => void change({ status: 'cancelled' }, `${who} er meldt av`)}
        onClose={() => setConfirmingCancel(false)}
      />
    </Stack>
  );
}
