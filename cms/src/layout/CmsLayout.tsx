import ArticleIcon from '@mui/icons-material/Article';
import { Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { AppBar, Layout, Menu, TitlePortal } from 'react-admin';

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

function CmsMenu() {
  return (
    <Menu>
      <Menu.Item to="/products" primaryText="Dokumentoversikt" leftIcon={<ArticleIcon />} />
    </Menu>
  );
}

export function CmsLayout({ children }: { children: ReactNode }) {
  return (
    // react-admin lets the page grow as wide as its widest table; we keep the page at window width
    // so toolbars stay visible, and wide tables scroll inside their own box instead.
    <Layout appBar={CmsAppBar} menu={CmsMenu} sx={{ minWidth: 0, '& .RaLayout-appFrame, & .RaLayout-contentWithSidebar, & .RaLayout-content': { minWidth: 0 } }}>
      {children}
    </Layout>
  );
}
