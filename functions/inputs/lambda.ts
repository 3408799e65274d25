import { z } from 'zod';
import { inputFormQuerySchema, inputSubmissionSchema } from '../../content-model';
import { DomainError } from '../shared/errors';
import { toErrorPage } from '../shared/http/error-responses';
import { httpLambda } from '../shared/http/lambda';
import { htmlPage, isFormPost, json, jsonOrFormBody, parseInput, parseQuery, type HttpRequest } from '../shared/http/request';
import { mailerFromConfig } from '../shared/email/mailer';
import { createRateLimiter } from '../shared/rate-limit';
import { createRuntime } from '../shared/runtime';
import { createStore } from '../store';
import { inputFormPage, problemPage, receivedPage } from './form';
import { closedConsultationNotice, openConsultations, submitInput } from './use-cases';

const runtime = createRuntime();
const deps = {
  store: createStore(runtime.table),
  clock: runtime.clock,
  mailer: mailerFromConfig(runtime.config),
  rateLimiter: createRateLimiter(runtime.table),
};

async function submitFromForm(request: HttpRequest) {
  const raw = jsonOrFormBody(request);
  const values = z.record(z.string(), z.string()).catch({}).parse(raw);
  try {
    const submission = parseInput(inputSubmissionSchema, raw, 'body');
    const result = await submitInput(deps, submission, request.event.requestContext.http.sourceIp);
    return htmlPage(201, receivedPage(result.kind === 'received' ? result.consultation : null));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    if (error.status === 400) {
      const page = inputFormPage(await openConsultations(deps), { values, errors: error.fields }, 400);
      return htmlPage(page.status, page.body);
    }
    return toErrorPage(error, problemPage, 'Innspillet ble ikke sendt');
  }
}

export const handler = httpLambda(
  'inputs',
  {
    showInputForm: async (request) => {
      const { consultationId } = parseQuery(request, inputFormQuerySchema);
      const notice = await closedConsultationNotice(deps, consultationId);
      const page = inputFormPage(await openConsultations(deps), { values: { consultationId: notice ? '' : (consultationId ?? '') }, errors: [], notice });
      return htmlPage(page.status, page.body);
    },
    submitInput: async (request) => {
      if (isFormPost(request)) return submitFromForm(request);
      const submission = parseInput(inputSubmissionSchema, jsonOrFormBody(request), 'body');
      const result = await submitInput(deps, submission, request.event.requestContext.http.sourceIp);
      // A honeypot catch looks like success to the sender.
      return json(201, { status: 'received', ...(result.kind === 'received' ? { id: result.input.id, submittedAt: result.input.submittedAt } : {}) });
    },
  },
  { servesPages: true },
);
