import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../../functions/shared/errors';
import { httpLambda } from '../../functions/shared/http/lambda';
import { eventFor } from '../support/lambda-events';

interface EmfLine {
  _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[] };
  [key: string]: unknown;
}

describe('a 5xx answer is counted', () => {
  let stdout: string[];
  beforeEach(() => {
    stdout = [];
    // Powertools Metrics writes EMF to process.stdout (CloudWatch Logs extracts the metric from it).
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk));
      return true;
    });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => vi.restoreAllMocks());

  const emfLines = () =>
    stdout
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('"_aws"'))
      .map((line) => JSON.parse(line) as EmfLine);

  const handler = httpLambda('platform', {
    health: async () => {
      throw new Error('the table is gone');
    },
    openapi: async () => {
      throw new NotFoundError('Finnes ikke');
    },
    showAccessibilityStatement: async () => ({ statusCode: 200, headers: {}, body: '' }),
  });

  it('a handler that throws answers the error body and emits ServerErrors = 1 for its function and operation', async () => {
    const response = await handler(eventFor('GET /health'), {} as Context);
    expect(response.statusCode).toBe(500);
    expect(JSON.parse(String(response.body))).toEqual({ error: { code: 'internal', message: 'Noe gikk galt. Prøv igjen senere.', fields: [] } });

    const lines = emfLines();
    for (const line of lines) {
      const [directive] = line._aws.CloudWatchMetrics;
      expect(directive?.Namespace).toBe('Normen');
      expect(directive?.Metrics).toEqual([{ Name: 'ServerErrors', Unit: 'Count' }]);
      expect(line).toMatchObject({ service: 'platform', ServerErrors: 1 });
    }
    // Per function (exactly the dimensions the alarm watches) and per function and operation, once each.
    const dimensionSets = lines.flatMap((line) => line._aws.CloudWatchMetrics.flatMap((directive) => directive.Dimensions));
    expect(dimensionSets).toEqual([['service'], ['service', 'operation']]);
    expect(lines[0]).toMatchObject({ statusCode: '500' });
    expect(lines[1]).toMatchObject({ operation: 'health' });
  });

  it('a 4xx is not counted', async () => {
    const response = await handler(eventFor('GET /openapi.json'), {} as Context);
    expect(response.statusCode).toBe(404);
    expect(emfLines()).toEqual([]);
  });
});
