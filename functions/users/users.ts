import { randomInt } from 'node:crypto';
import { type AuditRecord, type ManagedUser, passwordPolicy, type UserGroup, type UserInvite, type UserUpdate, userGroups } from '../../content-model';
import type { Actor } from '../shared/actor';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import type { Platform } from '../shared/platform';
import { invitationEmail } from './emails';

type Deps = Pick<Platform, 'store' | 'clock' | 'directory'>;
type MailingDeps = Deps & Pick<Platform, 'mailer' | 'cmsUrl'>;

export async function listUsers({ directory }: Pick<Platform, 'directory'>): Promise<{ items: ManagedUser[] }> {
  return { items: await directory.list() };
}

export async function getUser(
  { directory, store }: Pick<Platform, 'directory' | 'store'>,
  username: string,
): Promise<ManagedUser & { history: AuditRecord[] }> {
  const user = await directory.get(username);
  if (!user) throw new NotFoundError('Brukeren finnes ikke');
  return { ...user, history: await store.audit.listFor('user', username) };
}

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!?-_#';

/**
 * A temporary password that meets the pool's policy (content-model/users.ts): one of each class,
 * then random characters from all of them, shuffled. Letters that look alike (l, I, O, 0, 1) are
 * left out because people type it from an email.
 */
export function temporaryPassword(length = Math.max(16, passwordPolicy.minLength)): string {
  const pick = (from: string) => from.charAt(randomInt(from.length));
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const characters = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (characters.length < length) characters.push(pick(all));
  for (let i = characters.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j] as string, characters[i] as string];
  }
  return characters.join('');
}

const groupLabel = (group: UserGroup | undefined) => (group ? userGroups.labels[group] : 'ingen gruppe');

function auditStep(deps: Deps, actor: Actor, username: string, action: string, changes: string[], note: string) {
  return deps.store.audit.insert({
    entityType: 'user',
    entityId: username,
    at: deps.clock.now().toISOString(),
    by: actor.username,
    action,
    changes,
    revision: 1,
    note,
  });
}

/** People sign in with their email address (the pool's username is an id Cognito assigns), so that is the username the email gives. */
async function sendInvitation(deps: MailingDeps, user: { email: string; name: string; group: UserGroup }, password: string): Promise<void> {
  const expiresAt = new Date(deps.clock.now().getTime() + passwordPolicy.temporaryPasswordValidityDays * 86_400_000);
  await deps.mailer.send({
    to: user.email,
    ...invitationEmail({ name: user.name, username: user.email, group: user.group, temporaryPassword: password, cmsUrl: deps.cmsUrl, expiresAt }),
  });
}

/** The actor is named by the email address in their token (functions/shared/http/auth.ts). */
const isSelf = (actor: Actor, user: ManagedUser) => user.email === actor.username || user.username === actor.username;

/**
 * Invites someone: the user is created with a temporary password, put in the group, the change is
 * recorded, and our Norwegian invitation goes out through SES. If the email fails the user still
 * exists (shown as "Invitert"), and the error is raised so the admin sees it and can resend.
 */
export async function inviteUser(deps: MailingDeps, actor: Actor, invite: UserInvite): Promise<ManagedUser> {
  const password = temporaryPassword();
  const created = await deps.directory.create({ email: invite.email, name: invite.name, temporaryPassword: password });
  await deps.directory.setGroup(created.username, invite.group, []);
  await deps.store.transact([auditStep(deps, actor, created.username, 'invited', ['group'], `Invitert som ${groupLabel(invite.group).toLowerCase()}`)]);
  await sendInvitation(deps, { email: invite.email, name: invite.name, group: invite.group }, password);
  return { ...created, groups: [invite.group] };
}

/** Would the change leave the pool without an enabled admin? Run under the user-admin lock. */
async function assertAnotherAdminRemains(deps: Deps, user: ManagedUser): Promise<void> {
  if (!user.enabled || !user.groups.includes('admin')) return;
  const others = (await deps.directory.enabledMembers('admin')).filter((username) => username !== user.username);
  if (others.length === 0) throw new ConflictError('Dette er den siste administratoren. Gi først en annen person administratortilgang.');
}

/**
 * Changes a user. Fields left out do not change. An admin cannot disable themself, and no change
 * may leave the pool without an enabled admin; those checks and the change run under the
 * user-admin lock. Each change is recorded with what it was before and after.
 */
export async function updateUser(deps: MailingDeps, actor: Actor, username: string, update: UserUpdate): Promise<ManagedUser> {
  const apply = async (): Promise<ManagedUser> => {
    const user = await deps.directory.get(username);
    if (!user) throw new NotFoundError('Brukeren finnes ikke');
    if (update.enabled === false && isSelf(actor, user)) throw ValidationError.field('enabled', 'Du kan ikke deaktivere deg selv');
    const currentGroup = user.groups[0];
    const removesAdmin = (update.group !== undefined && update.group !== 'admin') || update.enabled === false;
    if (removesAdmin) await assertAnotherAdminRemains(deps, user);

    const changes: string[] = [];
    const notes: string[] = [];
    if (update.name !== undefined && update.name !== user.name) {
      await deps.directory.setName(username, update.name);
      changes.push('name');
      notes.push(`Navn: ${user.name} → ${update.name}`);
    }
    if (update.group !== undefined && (update.group !== currentGroup || user.groups.length !== 1)) {
      await deps.directory.setGroup(username, update.group, user.groups);
      changes.push('group');
      notes.push(`Gruppe: ${groupLabel(currentGroup)} → ${groupLabel(update.group)} (gjelder fra neste innlogging)`);
    }
    if (update.enabled !== undefined && update.enabled !== user.enabled) {
      await deps.directory.setEnabled(username, update.enabled);
      changes.push('enabled');
      notes.push(update.enabled ? 'Aktivert' : 'Deaktivert');
    }
    if (update.resendInvitation) {
      if (user.status !== 'FORCE_CHANGE_PASSWORD') throw new ConflictError('Brukeren har allerede logget inn og laget sitt eget passord');
      const password = temporaryPassword();
      await deps.directory.setTemporaryPassword(username, password);
      await sendInvitation(deps, { email: user.email, name: update.name ?? user.name, group: update.group ?? currentGroup ?? 'committee' }, password);
      changes.push('invitation');
      notes.push('Ny invitasjon sendt');
    }
    if (changes.length > 0) await deps.store.transact([auditStep(deps, actor, username, 'updated', changes, notes.join('. '))]);
    const updated = await deps.directory.get(username);
    if (!updated) throw new NotFoundError('Brukeren finnes ikke');
    return updated;
  };

  const mayTakeAnAdmin = update.group !== undefined || update.enabled === false;
  return mayTakeAnAdmin ? deps.store.userAdminLock.withLock(apply) : apply();
}

/** Removes a user for good (their audit records stay). Not oneself, and not the last admin. */
export async function deleteUser(deps: Deps, actor: Actor, username: string): Promise<void> {
  await deps.store.userAdminLock.withLock(async () => {
    const user = await deps.directory.get(username);
    if (!user) throw new NotFoundError('Brukeren finnes ikke');
    if (isSelf(actor, user)) throw ValidationError.field('username', 'Du kan ikke fjerne deg selv');
    await assertAnotherAdminRemains(deps, user);
    await deps.directory.remove(username);
    await deps.store.transact([auditStep(deps, actor, username, 'deleted', [], `Fjernet (${user.name}, ${groupLabel(user.groups[0]).toLowerCase()})`)]);
  });
}
