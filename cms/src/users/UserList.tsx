import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { Box, Button, CircularProgress, Paper, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, Typography } from '@mui/material';
import { useState } from 'react';
import { AccessDenied, Link, Title, useCanAccess } from 'react-admin';
import { formatOsloShortDate } from '../../../content-model';
import { LoadedContent } from '../shared/LoadedContent';
import { useLoaded } from '../shared/useLoaded';
import { InviteDialog } from './InviteDialog';
import { GroupChips, UserStatusChip } from './UserChips';

export const usersPath = '/brukere';
export const userPath = (username: string) => `${usersPath}/${encodeURIComponent(username)}`;

/**
 * Admins only: the API refuses everyone else, so the page is not even asked for (auth/permissions.ts).
 * Used by both user pages.
 */
export function AdminsOnly({ children }: { children: React.ReactNode }) {
  const { canAccess, isPending } = useCanAccess({ resource: 'users', action: 'list' });
  if (isPending) return <CircularProgress aria-label="Sjekker tilgangen" />;
  if (!canAccess) return <AccessDenied />;
  return children;
}

function Users() {
  const { state, reload } = useLoaded((dataProvider) => dataProvider.listUsers(), 'users');
  const [inviting, setInviting] = useState(false);
  return (
    <>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'flex-start', flexWrap: 'wrap', gap: 1, mb: 2 }}>
        <Typography variant="body2" color="text.secondary" sx={{ maxWidth: 720 }}>
          Alle som kan logge inn i publiseringsløsningen. Gruppen bestemmer hva personen kan gjøre; en endring gjelder fra neste innlogging. Velg en person for
          å endre gruppe, deaktivere, sende invitasjonen på nytt eller fjerne, og for å se hva som er endret.
        </Typography>
        <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setInviting(true)}>
          Inviter
        </Button>
      </Stack>
      <LoadedContent state={state} loadingLabel="Laster brukerne">
        {(users) => (
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label="Brukere">
              <TableHead>
                <TableRow>
                  <TableCell>Navn</TableCell>
                  <TableCell>E-postadresse</TableCell>
                  <TableCell>Gruppe</TableCell>
                  <TableCell>Status</TableCell>
                  <TableCell>Opprettet</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {users.map((user) => (
                  <TableRow key={user.username}>
                    <TableCell>
                      <Link to={userPath(user.username)}>{user.name || user.email}</Link>
                    </TableCell>
                    <TableCell>{user.email}</TableCell>
                    <TableCell>
                      <GroupChips user={user} />
                    </TableCell>
                    <TableCell>
                      <UserStatusChip user={user} />
                    </TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatOsloShortDate(user.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        )}
      </LoadedContent>
      {inviting ? (
        <InviteDialog
          onInvited={() => {
            setInviting(false);
            reload();
          }}
          onCancel={() => setInviting(false)}
        />
      ) : null}
    </>
  );
}

/** "Brukere": who has access, in which group and status, and inviting someone new. */
export function UserList() {
  return (
    <Box sx={{ py: 2, minWidth: 0 }}>
      <Title title="Brukere" />
      <Typography variant="h5" component="h1" gutterBottom>
        Brukere
      </Typography>
      <AdminsOnly>
        <Users />
      </AdminsOnly>
    </Box>
  );
}
