import { inputFormQuerySchema, inputSubmissionSchema } from '../../content-model';
import { httpLambda } from '../shared/http/lambda';
import { htmlPage, json } from '../shared/http/request';
import { mailerFromConfig } from '../shared/email/mailer';
import { createRateLimiter } from '../shared/rate-limit';
import { createRuntime } from '../shared/runtime';
import { formOperation } from '../shared/web/form';
import { createStore } from '../store';
import { inputFormPage, inputProblem, receivedPage } from '../inputs/form';
import { closedConsultationNotice, openConsultations, submitInput } from '../inputs/use-cases';

const runtime = createRuntime();
const deps = {
  store: createStore(runtime.table),
  clock: runtime.clock,
  mailer: mailerFromConfig(runtime.config),
  rateLimiter: createRateLimiter(runtime.table),
};

export const handler = httpLambda(
  'inputs',
  {
    showInputForm: async (request) => {
      // A mangled link's consultation is as unknown as a deleted one: the plain form, never a 400 naming the parameter.
      const consultationId = inputFormQuerySchema.safeParse(request.event.queryStringParameters ?? {}).data?.consultationId;
      const notice = await closedConsultationNotice(deps, consultationId);
      const values = { consultationId: notice ? '' : (consultationId ?? '') };
      return htmlPage(200, inputFormPage(await openConsultations(deps), { values, errors: [] }, notice));
    },
    submitInput: formOperation({
      schema: inputSubmissionSchema,
      submit: (submission, request) => submitInput(deps, submission, request.event.requestContext.http.sourceIp),
      // A honeypot catch looks like success to the sender.
      json: (result) =>
        json(201, { status: 'received', ...(result.kind === 'received' ? { id: result.input.id, submittedAt: result.input.submittedAt } : {}) }),
      page: (result) => htmlPage(201, receivedPage(result.kind === 'received' ? result.consultation : null)),
      form: async (state) => inputFormPage(await openConsultations(deps), state),
      problem: inputProblem,
    }),
  },
  { servesPages: true },
);
