import { CreateButton, Datagrid, FunctionField, List, SearchInput, SelectInput, TextField, TopToolbar } from 'react-admin';
import { eventTypes, formatNumber, formatOsloShortDateTime, type EventWithCounts } from '../../../content-model';
import { EventStatusChip, eventStatusChoices, eventTypeChoices, inPersonSeatsText, waitlistedTotal } from './EventChips';

const eventFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Søk i tittel og sted" />,
  <SelectInput key="status" source="status" choices={eventStatusChoices} alwaysOn />,
  <SelectInput key="type" source="type" choices={eventTypeChoices} alwaysOn />,
];

const noWrap = { whiteSpace: 'nowrap' } as const;

function EventListActions() {
  return (
    <TopToolbar>
      <CreateButton label="Nytt arrangement" />
    </TopToolbar>
  );
}

/** Conferences, webinars, courses and network meetings, latest start first, with seats taken. */
export function EventList() {
  return (
    <List
      title="Arrangementer"
      filters={eventFilters}
      actions={<EventListActions />}
      sort={{ field: 'startsAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      storeKey="events.list"
    >
      <Datagrid rowClick="show" bulkActionButtons={false} size="small">
        <TextField source="title" />
        <FunctionField<EventWithCounts> source="type" render={(event) => eventTypes.labels[event.type]} />
        <FunctionField<EventWithCounts> source="startsAt" sx={noWrap} render={(event) => formatOsloShortDateTime(event.startsAt)} />
        <FunctionField<EventWithCounts> source="status" render={(event) => <EventStatusChip status={event.status} />} />
        <FunctionField<EventWithCounts> label="resources.events.fields.inPersonSeats" sortable={false} sx={noWrap} render={inPersonSeatsText} />
        <FunctionField<EventWithCounts> label="resources.events.fields.waitlisted" sortable={false} render={(event) => formatNumber(waitlistedTotal(event))} />
      </Datagrid>
    </List>
  );
}
