import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import ForumIcon from '@mui/icons-material/Forum';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import LowPriorityIcon from '@mui/icons-material/LowPriority';
import ScheduleIcon from '@mui/icons-material/Schedule';
import SpaceDashboardIcon from '@mui/icons-material/SpaceDashboard';
import { ListItemIcon, ListItemText, MenuItem, Typography } from '@mui/material';
import { type ReactNode, useEffect } from 'react';
import {
  AppBar,
  Layout,
  Logout,
  Menu,
  TitlePortal,
  UserMenu,
  useAuthState,
  useCanAccess,
  useGetIdentity,
  useLocation,
  useNavigate,
  useUserMenu,
} from 'react-admin';
import { readSession } from '../auth/session';
import { consultations } from '../consultations';
import { events } from '../events';
import { campaigns, subscribers } from '../newsletter';
import { products } from '../products';
import { usersPath } from '../users/UserList';

/** Everyone's own page: name, groups, password and two-step sign-in. */
export const profilePath = '/profil';

function ProfileMenuItem() {
  const userMenu = useUserMenu();
  const navigate = useNavigate();
  return (
    <MenuItem
      onClick={() => {
        userMenu?.onClose();
        navigate(profilePath);
      }}
    >
      <ListItemIcon>
        <AccountCircleIcon fontSize="small" />
      </ListItemIcon>
      <ListItemText>Min profil</ListItemText>
    </MenuItem>
  );
}

/** The button shows who is signed in; its accessible name must contain that text (WCAG 2.5.3). */
function CmsUserMenu() {
  const { identity } = useGetIdentity();
  return (
    <UserMenu label={identity?.fullName ? `Profil for ${identity.fullName}` : 'ra.auth.user_menu'}>
      <ProfileMenuItem />
      <Logout />
    </UserMenu>
  );
}

function CmsAppBar() {
  return (
    <AppBar userMenu={<CmsUserMenu />}>
      <Typography component="span" variant="h6" sx={{ mr: 2, whiteSpace: 'nowrap' }}>
        Normen
      </Typography>
      <TitlePortal />
    </AppBar>
  );
}

/**
 * Every page is readable by every group, except the newsletter's and the events', which only
 * editors and admins see, and the users', which only admins see; what a group may change is
 * decided on the page.
 */
function CmsMenu() {
  const { canAccess: seesNewsletter } = useCanAccess({ resource: 'campaigns', action: 'list' });
  const { canAccess: seesEvents } = useCanAccess({ resource: 'events', action: 'list' });
  const { canAccess: managesUsers } = useCanAccess({ resource: 'users', action: 'list' });
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
      {managesUsers ? <Menu.Item to={usersPath} primaryText="Brukere" leftIcon={<ManageAccountsIcon />} /> : null}
    </Menu>
  );
}

/**
 * Signed out, the shell is not rendered at all: one redirect to the login page, nothing else. Were it
 * rendered, every auth check on the page would log out on failure, and each logout clears react-admin's
 * query cache, which re-runs the other checks, which log out again: hundreds of redirects to #/login
 * before the navigation could finish. The check here never logs out; it only re-renders the layout when
 * react-admin learns the session has ended (a 401, a logout), and the session itself is read at once.
 */
export function CmsLayout({ children }: { children: ReactNode }) {
  const { authenticated } = useAuthState(undefined, false);
  const { pathname, search } = useLocation();
  const navigate = useNavigate();
  const signedOut = authenticated === false || !readSession();
  useEffect(() => {
    // Once, not on every render as <Navigate> would while the auth query settles.
    // Back to the page the user asked for once signed in (react-admin's login reads nextPathname).
    if (signedOut) navigate('/login', { replace: true, state: { nextPathname: pathname, nextSearch: search } });
  }, [signedOut, navigate, pathname, search]);
  if (signedOut) return null;
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
