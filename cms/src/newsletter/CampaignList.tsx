import { CreateButton, Datagrid, FunctionField, List, SelectInput, TextField, TopToolbar } from 'react-admin';
import { formatOsloShortDateTime, type Campaign } from '../../../content-model';
import { OsloDateField } from '../shared/OsloDateField';
import { campaignStatusChoices, CampaignStatusChip, CompactProgress, interestNames } from './NewsletterChips';

const campaignFilters = [<SelectInput key="status" source="status" choices={campaignStatusChoices} alwaysOn />];

const noWrap = { whiteSpace: 'nowrap' } as const;

function CampaignListActions() {
  return (
    <TopToolbar>
      <CreateButton label="Nytt nyhetsbrev" />
    </TopToolbar>
  );
}

/** When it went, or when it is meant to go. */
function whenText(campaign: Campaign): string {
  if (campaign.sentAt) return `Sendt ${formatOsloShortDateTime(campaign.sentAt)}`;
  if (campaign.scheduledAt) return `Planlagt ${formatOsloShortDateTime(campaign.scheduledAt)}`;
  return '–';
}

/** The newsletter issues ("utsendelser"), newest first in pages from the API (so the columns do not sort), with where each send has got to. */
export function CampaignList() {
  return (
    <List
      title="Nyhetsbrev"
      filters={campaignFilters}
      actions={<CampaignListActions />}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      exporter={false}
      storeKey="campaigns.list"
    >
      <Datagrid rowClick="show" bulkActionButtons={false} size="small">
        <TextField source="subject" sortable={false} />
        <FunctionField<Campaign>
          source="interests"
          sortable={false}
          render={(campaign) => (campaign.interests.length ? interestNames(campaign.interests) : 'Generelle nyheter (alle)')}
        />
        <FunctionField<Campaign> source="status" sortable={false} render={(campaign) => <CampaignStatusChip status={campaign.status} />} />
        <FunctionField<Campaign> source="progress" sortable={false} render={(campaign) => <CompactProgress campaign={campaign} />} />
        <FunctionField<Campaign> label="Utsending" sortable={false} sx={noWrap} render={whenText} />
        <OsloDateField source="lastChangedAt" sortable={false} showTime sx={noWrap} />
        <TextField source="lastChangedBy" sortable={false} />
      </Datagrid>
    </List>
  );
}
