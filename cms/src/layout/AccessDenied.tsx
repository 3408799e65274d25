import LockIcon from '@mui/icons-material/Lock';
import { Box, Typography } from '@mui/material';
import { Link } from 'react-admin';

/**
 * What a signed-in user sees on a page their group may not open. react-admin's own page greys its
 * text out with half opacity (about 2.4:1, below WCAG 1.4.3's 4.5:1) and has no heading; this one
 * keeps the theme's text colours, names the page in an h1 (the one place the words stand, not also
 * the app bar) and leads back to the home page.
 */
export function AccessDenied() {
  return (
    <Box component="section" aria-labelledby="access-denied-title" sx={{ textAlign: 'center', py: 6 }}>
      <LockIcon aria-hidden sx={{ fontSize: 96, color: 'text.secondary' }} />
      <Typography id="access-denied-title" variant="h5" component="h1" sx={{ mt: 2 }}>
        Ingen tilgang
      </Typography>
      <Typography sx={{ mt: 1 }}>Du har ikke tilgang til denne siden.</Typography>
      <Typography sx={{ mt: 2 }}>
        <Link to="/">Til Forfall og oppfølging</Link>
      </Typography>
    </Box>
  );
}
