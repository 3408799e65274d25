import {
  caseCreateSchema,
  caseIdParamsSchema,
  caseQuerySchema,
  caseUpdateSchema,
  decisionQuerySchema,
  groupCreateSchema,
  groupIdParamsSchema,
  groupUpdateSchema,
  meetingCreateSchema,
  meetingIdParamsSchema,
  meetingUpdateSchema,
  memberCreateSchema,
  memberParamsSchema,
  memberUpdateSchema,
} from '../../content-model';
import { createCase, getCase, listCases, updateCase } from '../governance/cases';
import { decisionsCsv, listDecisions } from '../governance/decisions';
import { addMember, createGroup, getGroup, listGroups, removeMember, updateGroup, updateMember } from '../governance/groups';
import { createMeeting, getMeeting, listMeetings, updateMeeting } from '../governance/meetings';
import { httpLambda } from '../shared/http/lambda';
import { json, parseBody, parsePath, parseQuery, requireActor, text } from '../shared/http/request';
import { createRuntime } from '../shared/runtime';
import { createStore } from '../store';

const runtime = createRuntime();
const deps = { store: createStore(runtime.table), clock: runtime.clock };

export const handler = httpLambda('governance', {
  listGroups: async () => json(200, await listGroups(deps)),
  createGroup: async (request) => json(201, await createGroup(deps, requireActor(request), parseBody(request, groupCreateSchema))),
  getGroup: async (request) => json(200, await getGroup(deps, parsePath(request, groupIdParamsSchema).id)),
  updateGroup: async (request) =>
    json(200, await updateGroup(deps, requireActor(request), parsePath(request, groupIdParamsSchema).id, parseBody(request, groupUpdateSchema))),
  addGroupMember: async (request) =>
    json(201, await addMember(deps, requireActor(request), parsePath(request, groupIdParamsSchema).id, parseBody(request, memberCreateSchema))),
  updateGroupMember: async (request) => {
    const { id, memberId } = parsePath(request, memberParamsSchema);
    return json(200, await updateMember(deps, requireActor(request), id, memberId, parseBody(request, memberUpdateSchema)));
  },
  removeGroupMember: async (request) => {
    const { id, memberId } = parsePath(request, memberParamsSchema);
    await removeMember(deps, requireActor(request), id, memberId);
    return { statusCode: 204, headers: {}, body: '' };
  },
  listMeetings: async () => json(200, await listMeetings(deps)),
  createMeeting: async (request) => json(201, await createMeeting(deps, requireActor(request), parseBody(request, meetingCreateSchema))),
  getMeeting: async (request) => json(200, await getMeeting(deps, parsePath(request, meetingIdParamsSchema).id)),
  updateMeeting: async (request) =>
    json(200, await updateMeeting(deps, requireActor(request), parsePath(request, meetingIdParamsSchema).id, parseBody(request, meetingUpdateSchema))),
  listCases: async (request) => json(200, await listCases(deps, parseQuery(request, caseQuerySchema))),
  createCase: async (request) => json(201, await createCase(deps, requireActor(request), parseBody(request, caseCreateSchema))),
  getCase: async (request) => json(200, await getCase(deps, parsePath(request, caseIdParamsSchema).id)),
  updateCase: async (request) =>
    json(200, await updateCase(deps, requireActor(request), parsePath(request, caseIdParamsSchema).id, parseBody(request, caseUpdateSchema))),
  listDecisions: async (request) => {
    const { format, ...filters } = parseQuery(request, decisionQuerySchema);
    const wantsCsv = format === 'csv' || (format === undefined && (request.event.headers.accept ?? '').toLowerCase().includes('text/csv'));
    if (!wantsCsv) return json(200, await listDecisions(deps, filters));
    return text(200, await decisionsCsv(deps, filters), 'text/csv; charset=utf-8', { 'content-disposition': 'attachment; filename="vedtak.csv"' });
  },
});
