import { Create } from 'react-admin';
import { CampaignForm } from './CampaignForm';

const newCampaignDefaults = { subject: '', body: '', interests: [], linkedProducts: [] };

export function CampaignCreate() {
  return (
    <Create title="Nytt nyhetsbrev" redirect="show" record={newCampaignDefaults}>
      <CampaignForm />
    </Create>
  );
}
