import { Alert } from '@mui/material';
import { Edit, useRecordContext } from 'react-admin';
import type { Campaign } from '../../../content-model';
import { CampaignForm } from './CampaignForm';
import { formatOsloShortDateTime } from '../../../content-model';

/** A scheduled issue can still be changed until the dispatcher starts preparing it. */
function ScheduledNotice() {
  const campaign = useRecordContext<Campaign>();
  if (campaign?.status !== 'scheduled' || !campaign.scheduledAt) return null;
  return (
    <Alert severity="warning" sx={{ mb: 1, maxWidth: 960 }}>
      Nyhetsbrevet er planlagt sendt {formatOsloShortDateTime(campaign.scheduledAt)}. Endringer må lagres før utsendelsen starter.
    </Alert>
  );
}

function EditTitle() {
  const campaign = useRecordContext<Campaign>();
  return <span>Rediger nyhetsbrev: {campaign?.subject ?? ''}</span>;
}

export function CampaignEdit() {
  return (
    <Edit title={<EditTitle />} mutationMode="pessimistic" redirect="show">
      <CampaignForm intro={<ScheduledNotice />} />
    </Edit>
  );
}
