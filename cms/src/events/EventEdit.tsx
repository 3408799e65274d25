import { Alert } from '@mui/material';
import { Edit, useRecordContext } from 'react-admin';
import type { EventWithCounts } from '../../../content-model';
import { EventForm } from './EventForm';

/** Participants are told when the time or the place changes: say so before the editor saves. */
function ParticipantsNotice() {
  const event = useRecordContext<EventWithCounts>();
  if (!event || event.status === 'draft') return null;
  return (
    <Alert severity="info" sx={{ mb: 1, maxWidth: 960 }}>
      Endrer du tid eller sted, får alle påmeldte e-post med den nye tiden og en oppdatert kalenderoppføring.
    </Alert>
  );
}

function CancelledNotice() {
  return <Alert severity="info">Arrangementet er avlyst og kan ikke lenger endres.</Alert>;
}

function EditTitle() {
  const event = useRecordContext<EventWithCounts>();
  return <span>Rediger arrangement: {event?.title ?? ''}</span>;
}

function EventEditForm() {
  const event = useRecordContext<EventWithCounts>();
  if (event?.status === 'cancelled') return <CancelledNotice />;
  return <EventForm intro={<ParticipantsNotice />} withStatus />;
}

export function EventEdit() {
  return (
    <Edit title={<EditTitle />} mutationMode="pessimistic" redirect="show">
      <EventEditForm />
    </Edit>
  );
}
