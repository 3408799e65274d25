import { Alert, Box } from '@mui/material';
import type { ReactNode } from 'react';
import { useWatch } from 'react-hook-form';
import {
  ArrayInput,
  BooleanInput,
  DateTimeInput,
  NumberInput,
  SaveButton,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  Toolbar,
  useRecordContext,
  type DateTimeInputProps,
} from 'react-admin';
import { RichTextInput } from '../shared/RichTextInput';
import { attendanceModes, eventStatuses, seatHoldRules, type EventWithCounts } from '../../../content-model';
import { iteratorButtons } from '../shared/iteratorButtons';
import { FormSection } from '../shared/sections';
import { attendanceModeChoices, eventTypeChoices, questionKindChoices } from './EventChips';
import { allowedStatuses, validateEventForm } from './eventPayload';
import { instantFromOsloInput, osloInputValue } from './osloTimeInput';

function Row({ children }: { children: ReactNode }) {
  return <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, '& > *': { flex: '1 1 240px' } }}>{children}</Box>;
}

/** A date and time shown and typed in Oslo time, kept in the form as an ISO instant. */
function OsloDateTimeInput(props: DateTimeInputProps) {
  return <DateTimeInput format={osloInputValue} parse={instantFromOsloInput} {...props} />;
}

/**
 * react-admin shows an item's remove button only while the mouse is over the line; always showing
 * it lets keyboard users reach it too. Long lines (a session) wrap instead of squeezing the inputs.
 */
const iteratorLayout = {
  '& .RaSimpleFormIterator-action': { visibility: 'visible' },
  '& .RaSimpleFormIterator-form': { flex: 1, flexWrap: 'wrap' },
  '& .RaSimpleFormIterator-form > *': { flex: '1 1 200px' },
} as const;

/**
 * The program: each session on one row (title, speaker, start, end, seats, then its buttons) where
 * the window is wide enough for all of them; narrower, the inputs wrap onto more lines.
 */
const sessionLayout = {
  ...iteratorLayout,
  '& .RaSimpleFormIterator-line': { alignItems: 'flex-start' },
  '& .RaSimpleFormIterator-form': { flex: 1, flexWrap: 'wrap', columnGap: 1.5, rowGap: 0 },
  '& .RaSimpleFormIterator-form > *': { flex: '0 0 auto', margin: 0 },
  '& .RaSimpleFormIterator-form > *:nth-of-type(1)': { flex: '2 1 150px' },
  '& .RaSimpleFormIterator-form > *:nth-of-type(2)': { flex: '1 1 120px' },
  '& .RaSimpleFormIterator-form > *:nth-of-type(3), & .RaSimpleFormIterator-form > *:nth-of-type(4)': { flex: '0 0 220px' },
  '& .RaSimpleFormIterator-form > *:nth-of-type(5)': { flex: '0 0 130px' },
  '@media (min-width: 1280px)': { '& .RaSimpleFormIterator-form': { flexWrap: 'nowrap' } },
  '& .RaSimpleFormIterator-action': { visibility: 'visible', display: 'flex', flexWrap: 'nowrap', pt: 1 },
} as const;

function SaveOnlyToolbar() {
  // No delete: an event is cancelled (and its participants told), never deleted.
  return (
    <Toolbar>
      <SaveButton label="Lagre" />
    </Toolbar>
  );
}

/** On edit: the status, with only the steps the event may take from where it is. */
function StatusInput() {
  const event = useRecordContext<EventWithCounts>();
  const chosen = useWatch({ name: 'status' }) as unknown;
  if (!event) return null;
  const choices = allowedStatuses[event.status].map((status) => ({ id: status, name: eventStatuses.labels[status] }));
  return (
    <>
      <SelectInput source="status" choices={choices} isRequired helperText="Utkast → åpen for påmelding ⇄ påmeldingen er stengt. Avlyst er endelig." />
      {chosen === 'cancelled' && event.status !== 'cancelled' ? (
        <Alert severity="warning" sx={{ mb: 2 }}>
          Når du lagrer, avlyses arrangementet for godt, og alle påmeldte og alle på ventelisten får e-post om avlysningen.
        </Alert>
      ) : null}
    </>
  );
}

function AttendanceInput() {
  return (
    <ArrayInput source="attendance" label="resources.events.fields.attendanceList" helperText="Tomt antall plasser = ubegrenset">
      <SimpleFormIterator
        inline
        disableReordering
        disableClear
        sx={iteratorLayout}
        {...iteratorButtons({ add: 'Legg til deltakelsesform', remove: 'Fjern deltakelsesform' })}
      >
        <SelectInput source="mode" choices={attendanceModeChoices} isRequired helperText={false} />
        <NumberInput source="capacity" min={1} step={1} helperText={false} />
      </SimpleFormIterator>
    </ArrayInput>
  );
}

function SessionsInput() {
  return (
    <ArrayInput
      source="sessions"
      label="resources.events.fields.sessionsList"
      helperText="Deltakerne velger øktene de skal være med på. Tomt antall plasser = ubegrenset."
    >
      <SimpleFormIterator inline disableClear sx={sessionLayout} {...iteratorButtons({ add: 'Legg til økt', remove: 'Fjern økt' })}>
        <TextInput source="title" isRequired helperText={false} />
        <TextInput source="speaker" helperText={false} />
        <OsloDateTimeInput source="startsAt" isRequired helperText={false} />
        <OsloDateTimeInput source="endsAt" isRequired helperText={false} />
        <NumberInput source="capacity" min={1} step={1} helperText={false} />
      </SimpleFormIterator>
    </ArrayInput>
  );
}

function QuestionsInput() {
  return (
    <ArrayInput source="questions" label="resources.events.fields.questionsList" helperText="Navn, e-post og virksomhet spørres det alltid om.">
      <SimpleFormIterator inline disableClear sx={iteratorLayout} {...iteratorButtons({ add: 'Legg til spørsmål', remove: 'Fjern spørsmål' })}>
        <SelectInput source="kind" choices={questionKindChoices} isRequired helperText={false} />
        <TextInput source="label" isRequired helperText={false} />
        <BooleanInput source="required" helperText={false} />
      </SimpleFormIterator>
    </ArrayInput>
  );
}

/**
 * The event form, shared by create and edit (where the status can also be changed); validated with
 * the same content-model schema as the API. Times are Oslo time.
 */
export function EventForm({ intro, withStatus = false }: { intro?: ReactNode; withStatus?: boolean }) {
  return (
    // noValidate: the schema's Norwegian messages, not the browser's own (English) ones.
    <SimpleForm validate={validateEventForm} toolbar={<SaveOnlyToolbar />} warnWhenUnsavedChanges noValidate>
      {intro}
      {withStatus ? (
        <FormSection title="Status">
          <StatusInput />
        </FormSection>
      ) : null}
      <FormSection title="Arrangementet">
        <Row>
          <SelectInput source="type" choices={eventTypeChoices} isRequired />
          <TextInput source="title" isRequired />
        </Row>
        <RichTextInput source="description" fullWidth />
        <TextInput
          source="eligibility"
          multiline
          minRows={2}
          fullWidth
          helperText="Hvem arrangementet er for, f.eks. «for personvernombud og sikkerhetsledere»"
        />
      </FormSection>
      <FormSection title="Tid og sted (norsk tid)">
        <Row>
          <OsloDateTimeInput source="startsAt" isRequired />
          <OsloDateTimeInput source="endsAt" isRequired />
        </Row>
        <TextInput source="venue" fullWidth helperText={`Påkrevd ved «${attendanceModes.labels['in-person']}»`} />
      </FormSection>
      <FormSection title="Deltakelse">
        <AttendanceInput />
        <TextInput source="streamingUrl" type="url" fullWidth helperText="Sendes bare til påmeldte som deltar digitalt, publiseres aldri" />
      </FormSection>
      <FormSection title="Påmelding">
        <Row>
          <OsloDateTimeInput source="registrationOpensAt" helperText="Tomt: åpner når arrangementet åpnes for påmelding" />
          <OsloDateTimeInput source="registrationClosesAt" helperText="Tomt: stenger når arrangementet starter" />
          <NumberInput source="reminderHoursBefore" min={1} max={336} step={1} helperText="Påminnelse til deltakerne – standard 24 timer (dagen før)" />
          <NumberInput
            source="holdHours"
            min={1}
            max={seatHoldRules.maxHoldHours}
            step={1}
            helperText={`Timer en begrenset plass holdes før den må bekreftes – standard ${seatHoldRules.defaultHoldHours}; aldri senere enn ${seatHoldRules.closesHoursBeforeStart} timer før start`}
          />
          <NumberInput
            source="retentionDays"
            min={1}
            max={3650}
            step={1}
            helperText="Dager etter arrangementet før deltakernes personopplysninger anonymiseres – standard 90"
          />
        </Row>
      </FormSection>
      <FormSection title="Program" wide>
        <SessionsInput />
      </FormSection>
      <FormSection title="Spørsmål i påmeldingsskjemaet">
        <QuestionsInput />
      </FormSection>
    </SimpleForm>
  );
}
