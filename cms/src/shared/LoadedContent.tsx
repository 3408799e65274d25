import { Alert, CircularProgress } from '@mui/material';
import type { ReactNode } from 'react';
import type { Loaded } from './useLoaded';

/** What useLoaded() has: a spinner named `loadingLabel` while loading, the error if it failed, else `children(data)`. */
export function LoadedContent<T>({ state, loadingLabel, children }: { state: Loaded<T>; loadingLabel: string; children(data: T): ReactNode }) {
  if (state.status === 'loading') return <CircularProgress aria-label={loadingLabel} />;
  if (state.status === 'failed') return <Alert severity="error">{state.message}</Alert>;
  return children(state.data);
}
