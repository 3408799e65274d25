import { Chip } from '@mui/material';
import { inputStatuses, type InputStatus } from '../../../content-model';
import type { ConsultationState } from './consultationsDataProvider';

/** The API gives states as codes (content-model consultationStates); these are their Norwegian labels. */
export const consultationStateLabels: Record<ConsultationState, string> = {
  upcoming: 'Ikke åpnet ennå',
  open: 'Åpen for innspill',
  closed: 'Avsluttet',
};

const stateColours: Record<ConsultationState, 'info' | 'success' | 'default'> = { upcoming: 'info', open: 'success', closed: 'default' };

/** Colour and text together, so the state reads without relying on colour. */
export function ConsultationStateChip({ state }: { state: ConsultationState }) {
  return <Chip size="small" color={stateColours[state]} variant={state === 'closed' ? 'outlined' : 'filled'} label={consultationStateLabels[state]} />;
}

const inputStatusColours: Record<InputStatus, 'warning' | 'info' | 'success' | 'default'> = {
  new: 'warning',
  considered: 'info',
  'in-action-plan': 'success',
  'not-taken': 'default',
};

export function InputStatusChip({ status }: { status: InputStatus }) {
  return <Chip size="small" color={inputStatusColours[status]} variant={status === 'not-taken' ? 'outlined' : 'filled'} label={inputStatuses.labels[status]} />;
}
