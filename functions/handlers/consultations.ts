import { consultationIdParamsSchema, consultationUpdateSchema, inputParamsSchema, inputTriageSchema } from '../../content-model';
import { inputsCsv, listInputs, triageInput } from '../inputs/use-cases';
import { httpLambda } from '../shared/http/lambda';
import { json, parseBody, parsePath, text, requireActor } from '../shared/http/request';
import { createRuntime } from '../shared/runtime';
import { createStore } from '../store';
import { getConsultation, listConsultations, updateConsultation } from '../consultations/use-cases';

const runtime = createRuntime();
const deps = { store: createStore(runtime.table), clock: runtime.clock };

export const handler = httpLambda('consultations', {
  listConsultations: async () => json(200, await listConsultations(deps)),
  getConsultation: async (request) => json(200, await getConsultation(deps, parsePath(request, consultationIdParamsSchema).id)),
  updateConsultation: async (request) =>
    json(
      200,
      await updateConsultation(deps, requireActor(request), parsePath(request, consultationIdParamsSchema).id, parseBody(request, consultationUpdateSchema)),
    ),
  listInputs: async (request) => json(200, await listInputs(deps, parsePath(request, consultationIdParamsSchema).id)),
  exportInputsCsv: async (request) =>
    text(200, await inputsCsv(deps, parsePath(request, consultationIdParamsSchema).id), 'text/csv; charset=utf-8', {
      'content-disposition': 'attachment; filename="innspill.csv"',
    }),
  triageInput: async (request) => {
    const { id, inputId } = parsePath(request, inputParamsSchema);
    return json(200, await triageInput(deps, requireActor(request), id, inputId, parseBody(request, inputTriageSchema)));
  },
});
