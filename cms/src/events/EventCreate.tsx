import { Create } from 'react-admin';
import { EventForm } from './EventForm';
import { newEventDefaults } from './eventPayload';

/** A new event starts as a draft; it is opened for registration on the edit page. */
export function EventCreate() {
  return (
    <Create title="Nytt arrangement" redirect="show" record={newEventDefaults}>
      <EventForm />
    </Create>
  );
}
