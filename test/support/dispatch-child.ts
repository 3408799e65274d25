/**
 * A dispatcher in its own process, so a test can kill it (SIGKILL) in the middle of a send, as a
 * Lambda timeout or a crash would. Configuration comes from the environment like in Lambda.
 */
import { fixedClock } from '../../functions/shared/clock';
import { createTable } from '../../functions/shared/db/client';
import { createSesMailer } from '../../functions/shared/email/mailer';
import { fixedTokenSigner } from '../../functions/shared/link-tokens';
import { dispatchCampaign } from '../../functions/newsletter/dispatch';
import { createStore } from '../../functions/store';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`missing ${name}`);
  return value;
};
const table = createTable({ name: env('TABLE_NAME'), region: 'eu-north-1', endpoint: env('DYNAMODB_ENDPOINT') });
const result = await dispatchCampaign(
  {
    store: createStore(table),
    clock: fixedClock(new Date()),
    mailer: createSesMailer({ region: 'eu-north-1', from: 'Normen <ikke-svar@normen.no>', endpoint: env('SES_ENDPOINT') }),
    tokens: fixedTokenSigner(env('LINK_TEST_KEY')),
    publicApiUrl: 'http://localhost:3000',
    from: 'Normen <ikke-svar@normen.no>',
    sendRate: 'unlimited',
    concurrency: 8,
    inDoubtAfterMs: 10 * 60_000,
    leaseMs: 2_000,
  },
  env('CAMPAIGN_ID'),
  Date.now() + 600_000,
);
console.log(JSON.stringify(result));
