import ForumIcon from '@mui/icons-material/Forum';
import { Datagrid, FunctionField, List, NumberField, SearchInput, SelectInput, TextField, TopToolbar, Button, Link } from 'react-admin';
import type { ConsultationListItem } from './consultationsDataProvider';
import { choicesFrom } from '../products/choices';
import { OsloDateField } from '../shared/OsloDateField';
import { ConsultationStateChip, consultationStateLabels } from './ConsultationChips';

const noWrap = { whiteSpace: 'nowrap' } as const;

const consultationFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Søk i produkt og målgruppe" />,
  <SelectInput key="state" source="state" choices={choicesFrom(consultationStateLabels)} alwaysOn />,
];

export function GeneralInputsButton() {
  return (
    <Button label="Generelle innspill" component={Link} to="/generelle-innspill">
      <ForumIcon />
    </Button>
  );
}

function ConsultationListActions() {
  return (
    <TopToolbar>
      <GeneralInputsButton />
    </TopToolbar>
  );
}

/** Consultations ("høringer"), the latest deadline first. */
export function ConsultationList() {
  return (
    <List
      title="Høringer"
      filters={consultationFilters}
      actions={<ConsultationListActions />}
      sort={{ field: 'closesOn', order: 'DESC' }}
      perPage={25}
      exporter={false}
      storeKey="consultations.list"
      empty={false}
    >
      <Datagrid rowClick="show" bulkActionButtons={false} size="small">
        <TextField source="productTitle" />
        <NumberField source="level" />
        <TextField source="audience" />
        <OsloDateField source="opensOn" sx={noWrap} />
        <OsloDateField source="closesOn" sx={noWrap} />
        <FunctionField<ConsultationListItem> source="state" render={(consultation) => <ConsultationStateChip state={consultation.state} />} />
        <NumberField source="inputCount" />
      </Datagrid>
    </List>
  );
}
