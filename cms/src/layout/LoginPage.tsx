import LockIcon from '@mui/icons-material/Lock';
import { Typography } from '@mui/material';
import { Login, LoginForm } from 'react-admin';

/** react-admin's login page, with the product name so users know where they are signing in. */
export function LoginPage() {
  return (
    <Login avatarIcon={<LockIcon />}>
      <Typography variant="h6" component="h1" align="center" sx={{ px: 2 }}>
        Normen – innholdsforvaltning
      </Typography>
      <LoginForm />
    </Login>
  );
}
