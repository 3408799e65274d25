import { defaultLightTheme } from 'react-admin';

/**
 * react-admin's light theme with colours that meet WCAG 2.1 AA contrast (1.4.3, 4.5:1) wherever MUI
 * uses them for text: white on the filled chips, buttons and app bar, the colour itself on outlined
 * chips and text buttons, on white and on the toolbars' grey. MUI's defaults (warning #ed6c02,
 * info #0288d1, react-admin's secondary #2196f3 for the app bar) reach only about 3:1.
 */
export const cmsTheme = {
  ...defaultLightTheme,
  components: defaultLightTheme.components ?? {},
  palette: {
    ...defaultLightTheme.palette,
    // contrastText is then chosen for 4.5:1, not MUI's default 3:1.
    contrastThreshold: 4.5,
    primary: { main: '#0d47a1', contrastText: '#fff' },
    secondary: { main: '#283593', contrastText: '#fff' },
    info: { main: '#01579b', contrastText: '#fff' },
    success: { main: '#1b5e20', contrastText: '#fff' },
    warning: { main: '#9a4100', contrastText: '#fff' },
    error: { main: '#b71c1c', contrastText: '#fff' },
    // Secondary text (helper texts, labels, captions) also sits on the filled inputs' and toolbars' grey.
    text: { primary: 'rgba(0, 0, 0, 0.87)', secondary: 'rgba(0, 0, 0, 0.68)' },
  },
};
