import { combineDataProviders, type DataProvider } from 'react-admin';
import { createConsultationOperations, createConsultationsDataProvider, type ConsultationOperations } from '../consultations/consultationsDataProvider';
import { createDashboardOperations, type DashboardOperations } from '../dashboard/dashboardOperations';
import { createEventOperations, createEventsDataProvider, type EventOperations } from '../events/eventsDataProvider';
import { createJobOperations, type JobOperations } from '../jobs/jobOperations';
import { createCampaignOperations, createCampaignsDataProvider, type CampaignOperations } from '../newsletter/campaignsDataProvider';
import { createSubscriberOperations, createSubscribersDataProvider, type SubscriberOperations } from '../newsletter/subscribersDataProvider';
import { createProductOperations, createProductsDataProvider, type ProductOperations } from '../products/productsDataProvider';
import { createReviewReportOperations, type ReviewReportOperations } from '../review/reviewReportOperations';
import { createUserOperations, type UserOperations } from '../users/userOperations';
import type { ApiClient } from './apiClient';
import { resourceDataProvider } from './resourceDataProvider';

/**
 * react-admin's CRUD for every resource, and beside it the operations pages call through
 * useDataProvider<CmsDataProvider>() or useLoaded(), each declared in its feature folder.
 */
export type CmsDataProvider = DataProvider &
  ProductOperations &
  ConsultationOperations &
  CampaignOperations &
  SubscriberOperations &
  EventOperations &
  DashboardOperations &
  ReviewReportOperations &
  JobOperations &
  UserOperations;

export function createDataProvider(api: ApiClient): CmsDataProvider {
  const providers: Record<string, DataProvider> = {
    products: createProductsDataProvider(api),
    consultations: createConsultationsDataProvider(api),
    campaigns: createCampaignsDataProvider(api),
    subscribers: createSubscribersDataProvider(api),
    events: createEventsDataProvider(api),
  };
  const crud = combineDataProviders((resource) => providers[resource] ?? resourceDataProvider(resource, {}));
  return {
    // combineDataProviders passes each call's first argument on as the resource name, so only the
    // CRUD methods go through it; the operations sit beside them with their own arguments.
    getList: crud.getList,
    getOne: crud.getOne,
    getMany: crud.getMany,
    getManyReference: crud.getManyReference,
    create: crud.create,
    update: crud.update,
    updateMany: crud.updateMany,
    delete: crud.delete,
    deleteMany: crud.deleteMany,
    ...createProductOperations(api),
    ...createConsultationOperations(api),
    ...createCampaignOperations(api),
    ...createSubscriberOperations(api),
    ...createEventOperations(api),
    ...createDashboardOperations(api),
    ...createReviewReportOperations(api),
    ...createJobOperations(api),
    ...createUserOperations(api),
  };
}
