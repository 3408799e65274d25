import MailIcon from '@mui/icons-material/Mail';
import PeopleIcon from '@mui/icons-material/People';
import { lazy } from 'react';
import type { ResourceProps } from 'react-admin';
import { CampaignList } from './CampaignList';
import { CampaignShow } from './CampaignShow';
import { SubscriberList } from './SubscriberList';

// The form pulls in the rich-text editor (tiptap/ProseMirror); load it only when someone edits.
const CampaignCreate = lazy(() => import('./CampaignCreate').then((module) => ({ default: module.CampaignCreate })));
const CampaignEdit = lazy(() => import('./CampaignEdit').then((module) => ({ default: module.CampaignEdit })));

/** Newsletter issues ("Nyhetsbrev"); editors and admins only (auth/permissions.ts). */
export const campaigns = {
  list: CampaignList,
  show: CampaignShow,
  create: CampaignCreate,
  edit: CampaignEdit,
  icon: MailIcon,
  options: { label: 'Nyhetsbrev' },
  recordRepresentation: 'subject',
} satisfies Omit<ResourceProps, 'name'>;

/** Newsletter subscribers ("Abonnenter"); editors and admins only (auth/permissions.ts). */
export const subscribers = {
  list: SubscriberList,
  icon: PeopleIcon,
  options: { label: 'Abonnenter' },
  recordRepresentation: 'email',
} satisfies Omit<ResourceProps, 'name'>;
