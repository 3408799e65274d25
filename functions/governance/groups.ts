import {
  applyEdits,
  groupRuleIssues,
  isActiveMember,
  memberRuleIssues,
  osloDate,
  type Group,
  type GroupCreate,
  type GroupUpdate,
  type GroupWithMembers,
  type Member,
  type MemberCreate,
  type MemberUpdate,
} from '../../content-model';
import type { Actor } from '../shared/actor';
import { changedFields } from '../shared/audit/changes';
import { NotFoundError, StaleRevisionError } from '../shared/errors';
import { timeOrderedId } from '../shared/ids';
import type { Platform } from '../shared/platform';
import { assertNoIssues, productIssues } from './references';

type Deps = Pick<Platform, 'store' | 'clock'>;

const groupFields = ['name', 'kind', 'description', 'productIds'] as const;
const memberFields = ['name', 'organisation', 'email', 'role', 'from', 'to'] as const;

/** Members in the group today first (leader, members, deputies, observers), then those who have left; by name within each. */
const roleOrder = ['leader', 'member', 'deputy', 'observer'];
function withMembers(group: Group, members: Member[], today: string): GroupWithMembers {
  const listed = members.map((member) => ({ ...member, active: isActiveMember(member, today) }));
  listed.sort((a, b) => Number(b.active) - Number(a.active) || roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role) || a.name.localeCompare(b.name, 'nb'));
  return { ...group, members: listed };
}

async function requireGroup({ store }: Pick<Deps, 'store'>, id: string): Promise<Group> {
  const group = await store.groups.get(id);
  if (!group) throw new NotFoundError('Gruppen finnes ikke');
  return group;
}

export async function listGroups({ store, clock }: Deps): Promise<{ items: GroupWithMembers[] }> {
  const today = osloDate(clock.now());
  const groups = await store.groups.list();
  const members = await Promise.all(groups.map((group) => store.groups.members(group.id)));
  return { items: groups.map((group, index) => withMembers(group, members[index] ?? [], today)) };
}

export async function getGroup({ store, clock }: Deps, id: string): Promise<GroupWithMembers> {
  const group = await requireGroup({ store }, id);
  return withMembers(group, await store.groups.members(id), osloDate(clock.now()));
}

export async function createGroup({ store, clock }: Deps, actor: Actor, input: GroupCreate): Promise<GroupWithMembers> {
  assertNoIssues(await productIssues(store, input.productIds));
  const now = clock.now();
  const at = now.toISOString();
  const group: Group = {
    ...input,
    id: timeOrderedId(now),
    revision: 1,
    createdAt: at,
    createdBy: actor.username,
    lastChangedAt: at,
    lastChangedBy: actor.username,
  };
  await store.transact([
    store.groups.insert(group),
    store.audit.insert({ entityType: 'group', entityId: group.id, at, by: actor.username, action: 'created', changes: [], revision: 1 }),
  ]);
  return { ...group, members: [] };
}

export async function updateGroup({ store, clock }: Deps, actor: Actor, id: string, update: GroupUpdate): Promise<GroupWithMembers> {
  const current = await requireGroup({ store }, id);
  if (current.revision !== update.expectedRevision) throw new StaleRevisionError('Gruppen');
  const { expectedRevision, ...edits } = update;
  const merged = applyEdits(current, edits);
  const changes = changedFields(current, merged, groupFields);
  if (changes.length === 0) return getGroup({ store, clock }, id);
  assertNoIssues([...groupRuleIssues(merged), ...(changes.includes('productIds') ? await productIssues(store, merged.productIds) : [])]);
  const at = clock.now().toISOString();
  const next: Group = { ...merged, revision: current.revision + 1, lastChangedAt: at, lastChangedBy: actor.username };
  await store.transact([
    store.groups.update(next, expectedRevision),
    store.audit.insert({ entityType: 'group', entityId: id, at, by: actor.username, action: 'updated', changes, revision: next.revision }),
  ]);
  return getGroup({ store, clock }, id);
}

export async function addMember({ store, clock }: Deps, actor: Actor, groupId: string, input: MemberCreate): Promise<Member> {
  const group = await requireGroup({ store }, groupId);
  const now = clock.now();
  const at = now.toISOString();
  const member: Member = {
    ...input,
    from: input.from ?? osloDate(now),
    id: timeOrderedId(now),
    groupId,
    revision: 1,
    createdAt: at,
    createdBy: actor.username,
    lastChangedAt: at,
    lastChangedBy: actor.username,
  };
  assertNoIssues(memberRuleIssues(member));
  await store.transact([
    store.groups.groupExists(groupId),
    store.groups.insertMember(member),
    store.audit.insert({
      entityType: 'group',
      entityId: groupId,
      at,
      by: actor.username,
      action: 'member-added',
      changes: [],
      revision: group.revision,
      note: `${member.name} (${member.organisation})`,
    }),
  ]);
  return member;
}

async function requireMember({ store }: Pick<Deps, 'store'>, groupId: string, memberId: string): Promise<Member> {
  const member = await store.groups.member(groupId, memberId);
  if (!member) throw new NotFoundError('Medlemmet finnes ikke i gruppen');
  return member;
}

export async function updateMember({ store, clock }: Deps, actor: Actor, groupId: string, memberId: string, update: MemberUpdate): Promise<Member> {
  const current = await requireMember({ store }, groupId, memberId);
  if (current.revision !== update.expectedRevision) throw new StaleRevisionError('Medlemmet');
  const { expectedRevision, ...edits } = update;
  const merged = applyEdits(current, edits);
  const changes = changedFields(current, merged, memberFields);
  if (changes.length === 0) return current;
  assertNoIssues(memberRuleIssues(merged));
  const at = clock.now().toISOString();
  const next: Member = { ...merged, revision: current.revision + 1, lastChangedAt: at, lastChangedBy: actor.username };
  await store.transact([
    store.groups.updateMember(next, expectedRevision),
    store.audit.insert({
      entityType: 'group',
      entityId: groupId,
      at,
      by: actor.username,
      action: 'member-updated',
      changes,
      revision: next.revision,
      note: `${next.name} (${next.organisation})`,
    }),
  ]);
  return next;
}

/** For a member entered by mistake; someone who leaves gets a `to` date and stays in the history. */
export async function removeMember({ store, clock }: Deps, actor: Actor, groupId: string, memberId: string): Promise<void> {
  const member = await requireMember({ store }, groupId, memberId);
  await store.transact([
    store.groups.removeMember(groupId, memberId),
    store.audit.insert({
      entityType: 'group',
      entityId: groupId,
      at: clock.now().toISOString(),
      by: actor.username,
      action: 'member-removed',
      changes: [],
      revision: member.revision,
      note: `${member.name} (${member.organisation})`,
    }),
  ]);
}
