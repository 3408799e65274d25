import { lazy, useMemo } from 'react';
import { Admin, CustomRoutes, reactRouterProvider, Resource } from 'react-admin';
import { createAuthProvider } from './auth/authProvider';
import { createBearerTokenSource } from './auth/tokens';
import { ConfigContext, type CmsConfig } from './config';
import { createApiClient } from './data/apiClient';
import { createDataProvider } from './data/dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { ConsultationList } from './consultations/ConsultationList';
import { ConsultationShow } from './consultations/ConsultationShow';
import { GeneralInputs } from './consultations/GeneralInputs';
import { Dashboard } from './dashboard/Dashboard';
import { EventList } from './events/EventList';
import { EventShow } from './events/EventShow';
import { JobsPage } from './jobs/JobsPage';
import { CmsLayout } from './layout/CmsLayout';
import { LoginPage } from './layout/LoginPage';
import { CampaignList } from './newsletter/CampaignList';
import { CampaignShow } from './newsletter/CampaignShow';
import { SubscriberList } from './newsletter/SubscriberList';
import { ProductList } from './products/ProductList';
import { ProductShow } from './products/ProductShow';
import { PriorityReport } from './review/PriorityReport';

// react-admin's own router binding: react-router-dom is only its peer dependency, not ours.
const { Route } = reactRouterProvider;

// The forms pull in the rich-text editor (tiptap/ProseMirror); load them only when someone edits.
// react-admin's Layout wraps pages in <Suspense>.
const ProductCreate = lazy(() => import('./products/ProductCreate').then((module) => ({ default: module.ProductCreate })));
const ProductEdit = lazy(() => import('./products/ProductEdit').then((module) => ({ default: module.ProductEdit })));
const CampaignCreate = lazy(() => import('./newsletter/CampaignCreate').then((module) => ({ default: module.CampaignCreate })));
const CampaignEdit = lazy(() => import('./newsletter/CampaignEdit').then((module) => ({ default: module.CampaignEdit })));
const EventCreate = lazy(() => import('./events/EventCreate').then((module) => ({ default: module.EventCreate })));
const EventEdit = lazy(() => import('./events/EventEdit').then((module) => ({ default: module.EventEdit })));

export function App({ config }: { config: CmsConfig }) {
  // Created once: react-admin re-runs its auth checks whenever a provider's identity changes.
  const authProvider = useMemo(() => createAuthProvider(config.cognito), [config]);
  const dataProvider = useMemo(() => createDataProvider(createApiClient(config.apiUrl, createBearerTokenSource(config.cognito))), [config]);
  return (
    <ConfigContext.Provider value={config}>
      <Admin
        title="Normen – innholdsforvaltning"
        authProvider={authProvider}
        dataProvider={dataProvider}
        i18nProvider={i18nProvider}
        layout={CmsLayout}
        dashboard={Dashboard}
        loginPage={LoginPage}
        // No requireAuth: with it, react-admin 5.15 loops between its logout redirect and the auth
        // check for seconds before showing the login page. Every page checks authentication itself.
        disableTelemetry
      >
        {/* Home is the dashboard ("Forfall og oppfølging"); the document overview is the products list. */}
        <Resource
          name="products"
          options={{ label: 'Dokumentoversikt' }}
          list={ProductList}
          show={ProductShow}
          create={ProductCreate}
          edit={ProductEdit}
          recordRepresentation="title"
        />
        <Resource name="consultations" options={{ label: 'Høringer' }} list={ConsultationList} show={ConsultationShow} recordRepresentation="productTitle" />
        {/* Editors and admins only (auth/permissions.ts): the pages refuse others, and the menu hides them. */}
        <Resource
          name="campaigns"
          options={{ label: 'Nyhetsbrev' }}
          list={CampaignList}
          show={CampaignShow}
          create={CampaignCreate}
          edit={CampaignEdit}
          recordRepresentation="subject"
        />
        <Resource name="subscribers" options={{ label: 'Abonnenter' }} list={SubscriberList} recordRepresentation="email" />
        <Resource
          name="events"
          options={{ label: 'Arrangementer' }}
          list={EventList}
          show={EventShow}
          create={EventCreate}
          edit={EventEdit}
          recordRepresentation="title"
        />
        <CustomRoutes>
          <Route path="/generelle-innspill" element={<GeneralInputs />} />
          <Route path="/prioriteringsrapport" element={<PriorityReport />} />
          <Route path="/jobber" element={<JobsPage />} />
        </CustomRoutes>
      </Admin>
    </ConfigContext.Provider>
  );
}
