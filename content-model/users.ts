import { z } from 'zod';
import { emailSchema } from './newsletter';
import { isoDateTimeSchema } from './product';
import { userGroups, userStatuses } from './vocabularies';

/**
 * The user pool's password policy, declared once: the CDK pool gets it (infra/stateful-stack.ts),
 * the local pool gets it (local/services/cognito.ts), the CMS shows it as rules on the "new
 * password" pages, and temporary passwords are made to satisfy it.
 */
export const passwordPolicy = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
  /** Days a temporary password from an invitation stays valid. */
  temporaryPasswordValidityDays: 3,
} as const;

interface PasswordRule {
  /** What the CMS shows, in Norwegian. */
  text: string;
  holds(password: string): boolean;
}

/** Cognito's symbols for the "special character" requirement. */
const COGNITO_SYMBOLS = /[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/;

export const passwordRules: readonly PasswordRule[] = [
  { text: `Minst ${passwordPolicy.minLength} tegn`, holds: (password) => password.length >= passwordPolicy.minLength },
  { text: 'Minst én liten bokstav (a–z)', holds: (password) => /[a-z]/.test(password) },
  { text: 'Minst én stor bokstav (A–Z)', holds: (password) => /[A-Z]/.test(password) },
  { text: 'Minst ett tall', holds: (password) => /\d/.test(password) },
  { text: 'Minst ett spesialtegn, for eksempel ! ? - _ #', holds: (password) => COGNITO_SYMBOLS.test(password) },
];

/** The first rule a password breaks, or undefined when it meets the policy. */
export function brokenPasswordRule(password: string): string | undefined {
  return passwordRules.find((rule) => !rule.holds(password))?.text;
}

/** Cognito's user status codes (the ones a pool with admin-created users has). */
export const userStatusSchema = userStatuses.schema;

/**
 * A CMS user as admins see them (GET /admin/users, GET /admin/users/{username}). The username is the
 * pool's id for the user; people sign in with their email address.
 */
export const managedUserSchema = z.object({
  username: z.string(),
  email: z.string(),
  name: z.string(),
  groups: z.array(userGroups.schema),
  enabled: z.boolean(),
  status: userStatusSchema,
  createdAt: isoDateTimeSchema,
  /** Cognito's last change to the user; Cognito does not report the last sign-in through its API. */
  updatedAt: isoDateTimeSchema,
  /**
   * Whether the user has turned on an authenticator app: known for one user (AdminGetUser), absent
   * in the list, since Cognito's ListUsers does not report it.
   */
  mfa: z.boolean().optional(),
});
export type ManagedUser = z.infer<typeof managedUserSchema>;

export const usernameParamsSchema = z.object({ username: z.string().trim().min(1).max(128) });

/** POST /admin/users: invite someone; they get an email with the CMS address and a temporary password. */
export const userInviteSchema = z.object({
  email: emailSchema,
  name: z.string().trim().min(2, 'Fyll inn navnet').max(100),
  group: userGroups.schema,
});
export type UserInvite = z.infer<typeof userInviteSchema>;

/**
 * PUT /admin/users/{username}: what an admin changes. Each field is optional; a field left out does
 * not change. `resendInvitation` makes a new temporary password and emails it again (only for
 * someone who has not signed in yet).
 */
export const userUpdateSchema = z
  .object({
    name: z.string().trim().min(2).max(100).optional(),
    group: userGroups.schema.optional(),
    enabled: z.boolean().optional(),
    resendInvitation: z.literal(true).optional(),
  })
  // An empty body is a save with nothing changed: it writes nothing, like every other update route.
  .strict();
export type UserUpdate = z.infer<typeof userUpdateSchema>;
