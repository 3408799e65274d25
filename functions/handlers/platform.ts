import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { routes } from '../routes';
import { httpLambda } from '../shared/http/lambda';
import { htmlPage, json } from '../shared/http/request';
import { createRuntime } from '../shared/runtime';
import { buildOpenApiDocument } from '../openapi';
import { accessibilityStatementPage } from '../platform/accessibility-statement';

const runtime = createRuntime();
const openApiDocument = buildOpenApiDocument(routes);
const statementPage = accessibilityStatementPage();

export const handler = httpLambda('platform', {
  // A key read proves the function can reach its table with its own permissions.
  health: async () => {
    await runtime.table.client.send(new GetCommand({ TableName: runtime.table.name, Key: { pk: 'HEALTH', sk: 'HEALTH' } }));
    return json(200, { status: 'ok' });
  },
  openapi: async () => json(200, openApiDocument),
  showAccessibilityStatement: async () => htmlPage(200, statementPage),
});
