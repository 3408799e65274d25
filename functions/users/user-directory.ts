import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  type AttributeType,
  type CognitoIdentityProviderClient,
  ListUsersCommand,
  ListUsersInGroupCommand,
  UsernameExistsException,
  UserNotFoundException,
  type UserType,
} from '@aws-sdk/client-cognito-identity-provider';
import { type ManagedUser, type UserGroup, userGroups, userStatuses } from '../../content-model';
import { ConflictError, NotFoundError } from '../shared/errors';

/**
 * The user pool as the user administration needs it: the few Cognito admin calls it makes, typed
 * in our words. `userDirectoryActions` lists exactly those calls, and the CDK grants the user-admin
 * function only them, on this pool (infra/grants.ts).
 */
export interface UserDirectory {
  list(): Promise<ManagedUser[]>;
  /** Undefined when there is no such user. */
  get(username: string): Promise<ManagedUser | undefined>;
  /** Usernames of the enabled members of a group. */
  enabledMembers(group: UserGroup): Promise<string[]>;
  /** Creates the user with a temporary password and no message from Cognito (we send our own). */
  create(user: { email: string; name: string; temporaryPassword: string }): Promise<ManagedUser>;
  setGroup(username: string, group: UserGroup, current: readonly UserGroup[]): Promise<void>;
  setName(username: string, name: string): Promise<void>;
  setEnabled(username: string, enabled: boolean): Promise<void>;
  setTemporaryPassword(username: string, password: string): Promise<void>;
  remove(username: string): Promise<void>;
}

export const userDirectoryActions = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDeleteUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminSetUserPassword',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
] as const;

const attribute = (attributes: AttributeType[] | undefined, name: string) => attributes?.find((entry) => entry.Name === name)?.Value;

function knownGroups(names: (string | undefined)[]): UserGroup[] {
  return names.filter((name): name is UserGroup => userGroups.schema.safeParse(name).success);
}

function managedUser(
  user: {
    Username?: string | undefined;
    Attributes?: AttributeType[] | undefined;
    Enabled?: boolean | undefined;
    UserStatus?: string | undefined;
    UserCreateDate?: Date | undefined;
    UserLastModifiedDate?: Date | undefined;
  },
  groups: UserGroup[],
  mfa?: boolean,
): ManagedUser {
  const status = userStatuses.schema.safeParse(user.UserStatus);
  const username = user.Username ?? '';
  return {
    username,
    email: attribute(user.Attributes, 'email') ?? username,
    name: attribute(user.Attributes, 'name') ?? '',
    groups,
    enabled: user.Enabled ?? true,
    status: status.success ? status.data : 'UNKNOWN',
    createdAt: (user.UserCreateDate ?? new Date(0)).toISOString(),
    updatedAt: (user.UserLastModifiedDate ?? user.UserCreateDate ?? new Date(0)).toISOString(),
    ...(mfa === undefined ? {} : { mfa }),
  };
}

async function allPages<T>(fetchPage: (token: string | undefined) => Promise<{ items: T[]; next: string | undefined }>): Promise<T[]> {
  const all: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetchPage(token);
    all.push(...page.items);
    token = page.next;
  } while (token);
  return all;
}

export function createCognitoUserDirectory(client: CognitoIdentityProviderClient, userPoolId: string): UserDirectory {
  const UserPoolId = userPoolId;

  async function groupMembers(group: UserGroup): Promise<UserType[]> {
    return allPages(async (token) => {
      const page = await client.send(new ListUsersInGroupCommand({ UserPoolId, GroupName: group, Limit: 60, NextToken: token }));
      return { items: page.Users ?? [], next: page.NextToken };
    });
  }

  async function groupsOf(username: string): Promise<UserGroup[]> {
    const page = await client.send(new AdminListGroupsForUserCommand({ UserPoolId, Username: username, Limit: 60 }));
    return knownGroups((page.Groups ?? []).map((group) => group.GroupName));
  }

  async function get(username: string): Promise<ManagedUser | undefined> {
    try {
      const user = await client.send(new AdminGetUserCommand({ UserPoolId, Username: username }));
      const mfa = (user.UserMFASettingList ?? []).includes('SOFTWARE_TOKEN_MFA');
      return managedUser({ ...user, Attributes: user.UserAttributes }, await groupsOf(username), mfa);
    } catch (error) {
      if (error instanceof UserNotFoundException) return undefined;
      throw error;
    }
  }

  async function existing(username: string): Promise<void> {
    if (!(await get(username))) throw new NotFoundError('Brukeren finnes ikke');
  }

  return {
    async list() {
      const users = await allPages(async (token) => {
        const page = await client.send(new ListUsersCommand({ UserPoolId, Limit: 60, PaginationToken: token }));
        return { items: page.Users ?? [], next: page.PaginationToken };
      });
      // One call per group, not one per user: a pool has three groups and many users.
      const groupsByUser = new Map<string, UserGroup[]>();
      for (const group of userGroups.codes) {
        for (const member of await groupMembers(group)) {
          const name = member.Username ?? '';
          groupsByUser.set(name, [...(groupsByUser.get(name) ?? []), group]);
        }
      }
      return users.map((user) => managedUser(user, groupsByUser.get(user.Username ?? '') ?? [])).sort((a, b) => a.name.localeCompare(b.name, 'nb'));
    },

    get,

    async enabledMembers(group) {
      return (await groupMembers(group)).filter((user) => user.Enabled !== false).map((user) => user.Username ?? '');
    },

    async create({ email, name, temporaryPassword }) {
      try {
        const created = await client.send(
          new AdminCreateUserCommand({
            UserPoolId,
            Username: email,
            TemporaryPassword: temporaryPassword,
            // Our own invitation goes out through SES (functions/users/emails.ts), the same in AWS and locally.
            MessageAction: 'SUPPRESS',
            UserAttributes: [
              { Name: 'email', Value: email },
              { Name: 'email_verified', Value: 'true' },
              { Name: 'name', Value: name },
            ],
          }),
        );
        return managedUser({ ...created.User, Attributes: created.User?.Attributes }, [], false);
      } catch (error) {
        if (error instanceof UsernameExistsException)
          throw new ConflictError('Det finnes allerede en bruker med denne e-postadressen', [
            { path: 'email', message: 'Det finnes allerede en bruker med denne e-postadressen' },
          ]);
        throw error;
      }
    },

    async setGroup(username, group, current) {
      await existing(username);
      await client.send(new AdminAddUserToGroupCommand({ UserPoolId, Username: username, GroupName: group }));
      for (const other of current.filter((name) => name !== group)) {
        await client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId, Username: username, GroupName: other }));
      }
    },

    async setName(username, name) {
      await client.send(new AdminUpdateUserAttributesCommand({ UserPoolId, Username: username, UserAttributes: [{ Name: 'name', Value: name }] }));
    },

    async setEnabled(username, enabled) {
      await client.send(
        enabled ? new AdminEnableUserCommand({ UserPoolId, Username: username }) : new AdminDisableUserCommand({ UserPoolId, Username: username }),
      );
    },

    async setTemporaryPassword(username, password) {
      await client.send(new AdminSetUserPasswordCommand({ UserPoolId, Username: username, Password: password, Permanent: false }));
    },

    async remove(username) {
      try {
        await client.send(new AdminDeleteUserCommand({ UserPoolId, Username: username }));
      } catch (error) {
        if (error instanceof UserNotFoundException) throw new NotFoundError('Brukeren finnes ikke');
        throw error;
      }
    },
  };
}
