import { Chip, Stack } from '@mui/material';
import { userGroups, userStatuses, type ManagedUser, type UserStatus } from '../../../content-model';

type ChipColour = 'default' | 'primary' | 'success' | 'warning' | 'info';

const statusColours: Partial<Record<UserStatus, ChipColour>> = {
  FORCE_CHANGE_PASSWORD: 'info',
  CONFIRMED: 'success',
  RESET_REQUIRED: 'warning',
};

/** The groups by their Norwegian names; a user outside every group is shown as such. */
export function GroupChips({ user }: { user: ManagedUser }) {
  if (user.groups.length === 0) return <Chip size="small" variant="outlined" label="Ingen gruppe" />;
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
      {user.groups.map((group) => (
        <Chip key={group} size="small" color={group === 'admin' ? 'primary' : 'default'} label={userGroups.labels[group]} />
      ))}
    </Stack>
  );
}

/** The status in words (colour only repeats it); a disabled user is "Deaktivert" whatever Cognito's status. */
export function UserStatusChip({ user }: { user: ManagedUser }) {
  if (!user.enabled) return <Chip size="small" variant="outlined" color="warning" label="Deaktivert" />;
  return <Chip size="small" color={statusColours[user.status] ?? 'default'} label={userStatuses.labels[user.status]} />;
}
