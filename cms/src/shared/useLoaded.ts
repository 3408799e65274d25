import { useCallback, useContext, useEffect, useState } from 'react';
import { DataProviderContext, useAuthenticated, useLogoutIfAccessDenied } from 'react-admin';
import { statusOf } from '../auth/authProvider';
import type { CmsDataProvider } from '../data/dataProvider';

export type Loaded<T> = { status: 'loading' } | { status: 'failed'; message: string } | { status: 'loaded'; data: T };

/**
 * Loads data for a page that is not a react-admin list or show (dashboard, reports, jobs, inputs,
 * evaluations), once the user is known to be signed in, and again when `key` changes or
 * `reload()` is called. While reloading, the previous data stays on screen.
 *
 * It calls the data provider itself rather than through useDataProvider(): react-admin's wrapper
 * turns a 401/403 into a successful `{ data: {} }` answer, which these pages would render as data.
 * A 401 still ends the session the way react-admin's own pages do; a 403 is only the page's own
 * message, not also a toast that stays while the user moves on.
 */
export function useLoaded<T>(load: (dataProvider: CmsDataProvider) => Promise<T>, key: string): { state: Loaded<T>; reload(): void } {
  const dataProvider = useContext(DataProviderContext) as CmsDataProvider | null;
  const { authenticated } = useAuthenticated();
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);
  const logoutIfAccessDenied = useLogoutIfAccessDenied();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `load` is a new function on every render; `key` and `generation` say when to load again.
  useEffect(() => {
    if (!authenticated || !dataProvider) return;
    let cancelled = false;
    load(dataProvider).then(
      (data) => {
        if (!cancelled) setState({ status: 'loaded', data });
      },
      (error: unknown) => {
        if (cancelled) return;
        if (statusOf(error) === 401) void logoutIfAccessDenied(error);
        setState({ status: 'failed', message: error instanceof Error ? error.message : 'Kunne ikke hente dataene' });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [authenticated, dataProvider, key, generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { state, reload };
}
