import { useMemo } from 'react';
import { Admin, CustomRoutes, reactRouterProvider, Resource } from 'react-admin';
import { createAuthProvider } from './auth/authProvider';
import { createBearerTokenSource } from './auth/tokens';
import { ConfigContext, type CmsConfig } from './config';
import { createApiClient } from './data/apiClient';
import { createDataProvider } from './data/dataProvider';
import { i18nProvider } from './i18n/i18nProvider';
import { consultations } from './consultations';
import { GeneralInputs } from './consultations/GeneralInputs';
import { Dashboard } from './dashboard/Dashboard';
import { events } from './events';
import { JobsPage } from './jobs/JobsPage';
import { AccessDenied } from './layout/AccessDenied';
import { CmsLayout } from './layout/CmsLayout';
import { LoginPage } from './layout/LoginPage';
import { cmsTheme } from './layout/theme';
import { campaigns, subscribers } from './newsletter';
import { products } from './products';
import { PriorityReport } from './review/PriorityReport';
import { ProfilePage } from './users/ProfilePage';
import { UserList, usersPath } from './users/UserList';
import { UserPage } from './users/UserPage';
import { profilePath } from './layout/CmsLayout';

// react-admin's own router binding: react-router-dom is only its peer dependency, not ours.
const { Route } = reactRouterProvider;

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
        theme={cmsTheme}
        // No dark theme (nor its toggle): only the light theme's colours are chosen for contrast.
        darkTheme={null}
        dashboard={Dashboard}
        loginPage={LoginPage}
        accessDenied={AccessDenied}
        // No requireAuth: with it, react-admin 5.15 renders LogoutOnMount, whose logout clears the query
        // cache, which re-runs the auth check, which mounts LogoutOnMount again. The layout
        // (CmsLayout) sends a signed-out visitor to the login page once instead, without the shell.
        disableTelemetry
      >
        {/* Home is the dashboard ("Forfall og oppfølging"); the document overview is the products list. */}
        <Resource name="products" {...products} />
        <Resource name="consultations" {...consultations} />
        {/* Editors and admins only (auth/permissions.ts): the pages refuse others, and the menu hides them. */}
        <Resource name="campaigns" {...campaigns} />
        <Resource name="subscribers" {...subscribers} />
        <Resource name="events" {...events} />
        <CustomRoutes>
          <Route path="/generelle-innspill" element={<GeneralInputs />} />
          <Route path="/prioriteringsrapport" element={<PriorityReport />} />
          <Route path="/jobber" element={<JobsPage />} />
          {/* Admins only (auth/permissions.ts): the pages refuse others, and the menu hides them. */}
          <Route path={usersPath} element={<UserList />} />
          <Route path={`${usersPath}/:username`} element={<UserPage />} />
          <Route path={profilePath} element={<ProfilePage />} />
        </CustomRoutes>
      </Admin>
    </ConfigContext.Provider>
  );
}
