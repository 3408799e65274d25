import {
  CreateButton,
  DatagridConfigurable,
  DateInput,
  FilterButton,
  FunctionField,
  List,
  NumberField,
  SearchInput,
  SelectField,
  SelectColumnsButton,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
} from 'react-admin';
import { productTypes, type Product } from '../../../content-model';
import { levelFilterChoices, productStatusChoices, productTypeChoices, themeChoices, topicCategoryChoices } from './choices';
import { ExportCsvButton } from './ExportCsvButton';
import { compactTableSx } from '../shared/compactTable';
import { OsloDateField } from '../shared/OsloDateField';
import { DueChip, StatusChip } from './ProductChips';

const overviewFilters = [
  <SearchInput key="q" source="q" alwaysOn placeholder="Søk i tittel og sammendrag" />,
  <SelectInput key="level" source="level" choices={levelFilterChoices} alwaysOn />,
  <SelectInput key="type" source="type" choices={productTypeChoices} alwaysOn />,
  <SelectInput key="status" source="status" choices={productStatusChoices} alwaysOn />,
  <SelectInput key="topicCategory" source="topicCategory" choices={topicCategoryChoices} />,
  <SelectInput key="theme" source="theme" label="resources.products.fields.theme" choices={themeChoices} />,
  <TextInput key="owner" source="owner" label="resources.products.fields.ownerEmail" type="email" />,
  <DateInput key="dueBefore" source="dueBefore" />,
];

function OverviewActions() {
  return (
    <TopToolbar>
      <SelectColumnsButton preferenceKey={overviewColumnsKey} />
      <FilterButton />
      <CreateButton label="Nytt produkt" />
      <ExportCsvButton />
    </TopToolbar>
  );
}

const noWrap = { whiteSpace: 'nowrap' } as const;
/** Which columns an editor chose to see, kept in the browser (react-admin's store) between visits. */
const overviewColumnsKey = 'products.overview.columns';
/** Offered in the column picker, not shown until chosen: the default set is what prioritising needs. */
const hiddenByDefault = ['publishedVersion', 'currentNeed'];
/**
 * Sized to fit 1440 px with the side menu open: compact dates, chips in full, the title takes what
 * is left and wraps, and the wrapper still scrolls if someone zooms in.
 */
const overviewTableStyle = {
  ...compactTableSx,
  '& .RaDatagrid-tableWrapper': { overflowX: 'auto' },
  '& .column-title': { minWidth: 180 },
} as const;

/** The document overview (governance model chapter 7.1): the home page and the tool for prioritising work. */
export function ProductList() {
  return (
    <List
      sx={{ minWidth: 0, '& .RaList-main, & .RaList-content': { minWidth: 0 } }}
      title="Dokumentoversikt"
      filters={overviewFilters}
      actions={<OverviewActions />}
      sort={{ field: 'title', order: 'ASC' }}
      perPage={25}
      exporter={false}
      storeKey="products.overview"
    >
      <DatagridConfigurable
        preferenceKey={overviewColumnsKey}
        omit={hiddenByDefault}
        rowClick="show"
        bulkActionButtons={false}
        size="small"
        sx={overviewTableStyle}
      >
        <TextField source="title" />
        <FunctionField<Product> label="Type og nivå" sortable={false} render={(product) => `${productTypes.labels[product.type]} · nivå ${product.level}`} />
        <SelectField source="topicCategory" choices={topicCategoryChoices} sortable={false} />
        <StatusChip label="resources.products.fields.status" sortable={false} />
        <FunctionField<Product> label="Eier" sortable={false} render={(product) => product.owner.name} />
        <OsloDateField source="lastChangedAt" compact sx={noWrap} />
        <OsloDateField source="lastEvaluatedAt" compact sortable={false} emptyText="–" sx={noWrap} />
        <DueChip label="resources.products.fields.nextEvaluationDue" sortBy="nextEvaluationDue" />
        <NumberField source="downloadsTotal" locales="nb-NO" />
        <NumberField source="publishedVersion" sortable={false} emptyText="–" />
        <FunctionField<Product> source="currentNeed" sortable={false} render={(product) => (product.currentNeed ? 'Ja' : 'Nei')} />
      </DatagridConfigurable>
    </List>
  );
}
