import { Stack } from '@mui/material';
import { EditButton, Show, TopToolbar, useRecordContext, useRefresh } from 'react-admin';
import type { EventWithCounts } from '../../../content-model';
import { CardSection } from '../shared/sections';
import { EventSummary } from './EventSummary';
import { MailingsPanel } from './MailingsPanel';
import { RegistrationsPanel } from './RegistrationsPanel';

function EventTitle() {
  const event = useRecordContext<EventWithCounts>();
  return <span>{event ? `Arrangement: ${event.title}` : 'Arrangement'}</span>;
}

function ShowActions() {
  const event = useRecordContext<EventWithCounts>();
  return <TopToolbar>{event && event.status !== 'cancelled' ? <EditButton label="Rediger" /> : null}</TopToolbar>;
}

function EventContent() {
  const event = useRecordContext<EventWithCounts>();
  // After a check-in or a move between waitlist and seat, the event is fetched again for its counts.
  const refresh = useRefresh();
  if (!event) return null;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <EventSummary event={event} />
      <CardSection variant="outlined" id="event-registrations" title="Påmeldinger">
        <RegistrationsPanel event={event} onChanged={refresh} />
      </CardSection>
      <CardSection variant="outlined" id="event-mailings" title="E-post til deltakerne">
        <MailingsPanel event={event} />
      </CardSection>
    </Stack>
  );
}

/** One event: summary and counts, the registrations with their actions and CSV, and the emails to participants. */
export function EventShow() {
  return (
    <Show title={<EventTitle />} actions={<ShowActions />}>
      <EventContent />
    </Show>
  );
}
