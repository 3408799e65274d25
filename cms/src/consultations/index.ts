import HowToVoteIcon from '@mui/icons-material/HowToVote';
import type { ResourceProps } from 'react-admin';
import { ConsultationList } from './ConsultationList';
import { ConsultationShow } from './ConsultationShow';

export const consultations = {
  list: ConsultationList,
  show: ConsultationShow,
  icon: HowToVoteIcon,
  options: { label: 'Høringer' },
  recordRepresentation: 'productTitle',
} satisfies Omit<ResourceProps, 'name'>;
