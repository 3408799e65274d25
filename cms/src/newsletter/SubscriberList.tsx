import DeleteIcon from '@mui/icons-material/Delete';
import { Tooltip } from '@mui/material';
import { useState } from 'react';
import {
  Button,
  Confirm,
  Datagrid,
  FunctionField,
  List,
  SearchInput,
  SelectInput,
  TextField,
  TopToolbar,
  useDataProvider,
  useListContext,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import type { Subscriber } from '../../../content-model';
import type { CmsDataProvider } from '../data/dataProvider';
import { subscriberQueryParams } from './subscriberQuery';
import { CsvDownloadButton } from '../shared/CsvDownloadButton';
import { messageOf } from '../shared/httpErrors';
import { OsloDateField } from '../shared/OsloDateField';
import { interestChoices, interestNames, SubscriberStatusChip, subscriberStatusChoices } from './NewsletterChips';

const CSV_FILE_NAME = 'abonnenter.csv';

const subscriberFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Søk på e-postadresse (begynnelsen)" sx={{ minWidth: 300 }} />,
  <SelectInput key="status" source="status" choices={subscriberStatusChoices} alwaysOn />,
  <SelectInput key="interest" source="interest" choices={interestChoices} alwaysOn />,
];

/** The same filters as on screen, all matching subscribers, from the API. */
function ExportSubscribersButton() {
  const { filterValues } = useListContext();
  return <CsvDownloadButton fetchCsv={(dataProvider) => dataProvider.exportSubscribersCsv(subscriberQueryParams(filterValues))} fileName={CSV_FILE_NAME} />;
}

function SubscriberListActions() {
  return (
    <TopToolbar>
      <ExportSubscribersButton />
    </TopToolbar>
  );
}

/**
 * GDPR erasure on request, confirmed in a dialog as it cannot be undone. Called directly rather
 * than through react-admin's delete button: its success message is lost when the deleted row
 * unmounts, and the editor needs to see that the erasure went through.
 */
function EraseButton() {
  const subscriber = useRecordContext<Subscriber>();
  const dataProvider = useDataProvider<CmsDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!subscriber) return null;

  async function erase() {
    if (!subscriber) return;
    setBusy(true);
    try {
      await dataProvider.eraseSubscriber(String(subscriber.id));
      notify(`Personopplysningene om ${subscriber.email} er slettet`, { type: 'success' });
      setOpen(false);
      refresh();
    } catch (error) {
      notify(messageOf(error, 'Slettingen feilet'), { type: 'error' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button label="Slett" aria-label={`Slett personopplysninger for ${subscriber.email}`} color="error" onClick={() => setOpen(true)}>
        <DeleteIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="Slett personopplysninger"
        content={`Alt som er lagret om ${subscriber.email} – adressen, interessene og utsendelseshistorikken – slettes for godt. Brukes når personen ber om sletting. Dette kan ikke angres.`}
        confirm="Slett personopplysninger"
        confirmColor="warning"
        cancel="Avbryt"
        onConfirm={() => void erase()}
        onClose={() => setOpen(false)}
      />
    </>
  );
}

function StatusCell() {
  const subscriber = useRecordContext<Subscriber>();
  if (!subscriber) return null;
  const chip = <SubscriberStatusChip status={subscriber.status} />;
  return subscriber.suppressedReason ? (
    <Tooltip title={subscriber.suppressedReason}>
      <span>{chip}</span>
    </Tooltip>
  ) : (
    chip
  );
}

const noWrap = { whiteSpace: 'nowrap' } as const;

/**
 * Newsletter subscribers, by address, in pages from the API (which sets the order, so the columns
 * do not sort): find someone by address, filter by status and interest, export, erase.
 */
export function SubscriberList() {
  return (
    <List
      title="Abonnenter"
      filters={subscriberFilters}
      actions={<SubscriberListActions />}
      sort={{ field: 'email', order: 'ASC' }}
      perPage={50}
      exporter={false}
      storeKey="subscribers.list"
      empty={false}
    >
      <Datagrid rowClick={false} bulkActionButtons={false} size="small">
        <TextField source="email" sortable={false} />
        <FunctionField<Subscriber> source="status" sortable={false} render={() => <StatusCell />} />
        <FunctionField<Subscriber>
          source="interests"
          sortable={false}
          render={(subscriber) => (subscriber.interests.length ? interestNames(subscriber.interests) : 'Generelle nyheter')}
        />
        <OsloDateField source="createdAt" sortable={false} sx={noWrap} />
        <OsloDateField source="confirmedAt" sortable={false} emptyText="–" sx={noWrap} />
        <OsloDateField source="unsubscribedAt" sortable={false} emptyText="–" sx={noWrap} />
        <FunctionField<Subscriber>
          source="softBounces"
          sortable={false}
          render={(subscriber) => (subscriber.softBounces ? String(subscriber.softBounces) : '–')}
        />
        <EraseButton />
      </Datagrid>
    </List>
  );
}
