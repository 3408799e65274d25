import { z } from 'zod';
import { DomainError } from '../errors';
import { htmlPage, isFormPost, jsonOrFormBody, parseInput, type HttpRequest, type HttpResponse, type Operation } from '../http/request';
import type { FormState, FormValues } from './fields';
import { orProblemPage, type ProblemWording } from './problem';

const formValuesSchema: z.ZodType<FormValues> = z.record(z.string(), z.union([z.string(), z.array(z.string())])).catch({});

export interface FormOperation<S extends z.ZodType, R> {
  schema: S;
  /** Shapes the posted fields for the schema (e.g. `answers.<id>` fields into one object). */
  fromForm?: (values: FormValues) => unknown;
  submit: (input: z.output<S>, request: HttpRequest) => Promise<R>;
  /** The answer to a JSON caller; its errors go to the JSON error mapping. */
  json: (result: R, request: HttpRequest) => HttpResponse;
  /** The page after a successful form post. */
  page: (result: R, request: HttpRequest) => Promise<HttpResponse> | HttpResponse;
  /** The form again, with what was typed and what was wrong (answered with 400). */
  form: (state: FormState, request: HttpRequest) => Promise<string>;
  /** Every other refusal (404, 409, 429 …) is this problem page. */
  problem: ProblemWording;
}

/**
 * One operation for a form that also takes JSON: a JSON body gets JSON back; a form post
 * (application/x-www-form-urlencoded) gets the page, the form again on a 400, or the problem page.
 */
export function formOperation<S extends z.ZodType, R>(spec: FormOperation<S, R>): Operation {
  return async (request) => {
    const raw = jsonOrFormBody(request);
    if (!isFormPost(request)) {
      const result = await spec.submit(parseInput(spec.schema, raw, 'body'), request);
      return spec.json(result, request);
    }
    const values = formValuesSchema.parse(raw);
    return orProblemPage(async () => {
      try {
        const input = parseInput(spec.schema, spec.fromForm ? spec.fromForm(values) : values, 'body');
        return await spec.page(await spec.submit(input, request), request);
      } catch (error) {
        if (!(error instanceof DomainError) || error.status !== 400) throw error;
        return htmlPage(400, await spec.form({ values, errors: error.fields }, request));
      }
    }, spec.problem);
  };
}
