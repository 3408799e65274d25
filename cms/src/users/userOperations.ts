import { z } from 'zod';
import { auditRecordSchema, managedUserSchema, type AuditRecord, type ManagedUser, type UserInvite, type UserUpdate } from '../../../content-model';
import type { ApiClient } from '../data/apiClient';

const userListSchema = z.object({ items: z.array(managedUserSchema) });
const userWithHistorySchema = managedUserSchema.extend({ history: z.array(auditRecordSchema) });
export type ManagedUserWithHistory = ManagedUser & { history: AuditRecord[] };

/** The user administration ("Brukere", admins only), over /admin/users. */
export interface UserOperations {
  listUsers(): Promise<ManagedUser[]>;
  /** One user with the history of changes to their access. */
  getUser(username: string): Promise<ManagedUserWithHistory>;
  inviteUser(invite: UserInvite): Promise<ManagedUser>;
  updateUser(username: string, update: UserUpdate): Promise<ManagedUser>;
  removeUser(username: string): Promise<void>;
}

/** The pool's username is an id Cognito assigns; encoded anyway, as any path segment. */
const userPath = (username: string) => `/admin/users/${encodeURIComponent(username)}`;

export function createUserOperations(api: ApiClient): UserOperations {
  return {
    listUsers: async () => (await api.json('/admin/users', userListSchema)).items,
    getUser: (username) => api.json(userPath(username), userWithHistorySchema),
    inviteUser: (invite) => api.json('/admin/users', managedUserSchema, { method: 'POST', body: invite }),
    updateUser: (username, update) => api.json(userPath(username), managedUserSchema, { method: 'PUT', body: update }),
    removeUser: (username) => api.noContent(userPath(username), { method: 'DELETE' }),
  };
}
