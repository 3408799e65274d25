import ForumIcon from '@mui/icons-material/Forum';
import LowPriorityIcon from '@mui/icons-material/LowPriority';
import ScheduleIcon from '@mui/icons-material/Schedule';
import SpaceDashboardIcon from '@mui/icons-material/SpaceDashboard';
import { Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { AppBar, Layout, Menu, TitlePortal, useCanAccess } from 'react-admin';
import { consultations } from '../consultations';
import { events } from '../events';
import { campaigns, subscribers } from '../newsletter';
import { products } from '../products';

function CmsAppBar() {
  return (
    <AppBar>
      <Typography component="span" variant="h6" sx={{ mr: 2, whiteSpace: 'nowrap' }}>
        Normen
      </Typography>
      <TitlePortal />
    </AppBar>
  );
}

/**
 * Every page is readable by every group, except the newsletter's and the events', which only
 * editors and admins see; what a group may change is decided on the page.
 */
function CmsMenu() {
  const { canAccess: seesNewsletter } = useCanAccess({ resource: 'campaigns', action: 'list' });
  const { canAccess: seesEvents } = useCanAccess({ resource: 'events', action: 'list' });
  return (
    <Menu>
      <Menu.DashboardItem primaryText="Forfall og oppfølging" leftIcon={<SpaceDashboardIcon />} />
      <Menu.Item to="/products" primaryText="Dokumentoversikt" leftIcon={<products.icon />} />
      <Menu.Item to="/consultations" primaryText="Høringer" leftIcon={<consultations.icon />} />
      <Menu.Item to="/generelle-innspill" primaryText="Generelle innspill" leftIcon={<ForumIcon />} />
      <Menu.Item to="/prioriteringsrapport" primaryText="Prioriteringsrapport" leftIcon={<LowPriorityIcon />} />
      {seesNewsletter ? <Menu.Item to="/campaigns" primaryText="Nyhetsbrev" leftIcon={<campaigns.icon />} /> : null}
      {seesNewsletter ? <Menu.Item to="/subscribers" primaryText="Abonnenter" leftIcon={<subscribers.icon />} /> : null}
      {seesEvents ? <Menu.Item to="/events" primaryText="Arrangementer" leftIcon={<events.icon />} /> : null}
      <Menu.Item to="/jobber" primaryText="Planlagte jobber" leftIcon={<ScheduleIcon />} />
    </Menu>
  );
}

export function CmsLayout({ children }: { children: ReactNode }) {
  return (
    // react-admin lets the page grow as wide as its widest table; we keep the page at window width
    // so toolbars stay visible, and wide tables scroll inside their own box instead.
    <Layout
      appBar={CmsAppBar}
      menu={CmsMenu}
      sx={{ minWidth: 0, '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 } }}
    >
      {children}
    </Layout>
  );
}
