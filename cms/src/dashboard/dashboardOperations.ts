import { dashboardSchema, type Dashboard } from '../../../content-model';
import type { ApiClient } from '../data/apiClient';

/** The home page ("Forfall og oppfølging"), loaded through useLoaded(). */
export interface DashboardOperations {
  getDashboard(): Promise<Dashboard>;
}

export function createDashboardOperations(api: ApiClient): DashboardOperations {
  return { getDashboard: () => api.json('/admin/dashboard', dashboardSchema) };
}
