import type { TransitionAction } from '../../../content-model';

/** Labels for the lifecycle actions; which ones apply is decided in content-model/lifecycle.ts. */
export const transitionLabels: Record<TransitionAction, string> = {
  'send-to-consultation': 'Send på høring',
  'return-to-draft': 'Tilbake til utkast',
  approve: 'Godkjenn',
  publish: 'Publiser',
  retire: 'Saner',
};

export const transitionDoneMessages: Record<TransitionAction, string> = {
  'send-to-consultation': 'Produktet er sendt på høring',
  'return-to-draft': 'Produktet er satt tilbake til utkast',
  approve: 'Produktet er godkjent',
  publish: 'Produktet er publisert',
  retire: 'Produktet er sanert',
};
