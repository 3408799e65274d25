import { SendEmailCommand, SESClient } from '@aws-sdk/client-ses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearSentEmails, readSentEmails, startSesLocal } from '../../local/services/ses';
import type { SesLocal } from '../../local/services/ses';
import { localClientConfig } from '../../local/services/support';

const port = 28005;

describe('SES local', () => {
  let ses: SesLocal | undefined;
  let client: SESClient;

  beforeAll(async () => {
    ses = await startSesLocal({ port });
    client = new SESClient(localClientConfig(ses.endpoint));
  });

  afterAll(async () => {
    client?.destroy();
    await ses?.stop();
  });

  it('stores an email sent with the SES SDK and clears the store', async () => {
    if (!ses) throw new Error('SES local did not start');
    const sent = await client.send(
      new SendEmailCommand({
        Source: 'Normen <noreply@normen.local>',
        Destination: { ToAddresses: ['kari@example.org'], CcAddresses: ['sekretariatet@normen.local'] },
        Message: {
          Subject: { Data: 'Høring: Veileder for logging', Charset: 'UTF-8' },
          Body: {
            Text: { Data: 'Hei Kari, høringen er åpen.', Charset: 'UTF-8' },
            Html: { Data: '<p>Hei Kari, høringen er <b>åpen</b>.</p>', Charset: 'UTF-8' },
          },
        },
      }),
    );
    expect(sent.MessageId).toBeTruthy();

    const emails = await readSentEmails(ses.endpoint);
    const email = emails.find((candidate) => candidate.messageId === sent.MessageId);
    expect(email).toBeDefined();
    expect(email?.from).toBe('Normen <noreply@normen.local>');
    expect(email?.destination.to).toEqual(['kari@example.org']);
    expect(email?.destination.cc).toEqual(['sekretariatet@normen.local']);
    expect(email?.subject).toBe('Høring: Veileder for logging');
    expect(email?.body.text).toBe('Hei Kari, høringen er åpen.');
    expect(email?.body.html).toContain('<b>åpen</b>');

    await clearSentEmails(ses.endpoint);
    expect(await readSentEmails(ses.endpoint)).toEqual([]);
  });

  it('serves the email viewer page', async () => {
    if (!ses) throw new Error('SES local did not start');
    const response = await fetch(ses.viewerUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('refuses a port that is already taken', async () => {
    await expect(startSesLocal({ port })).rejects.toThrow(/port 28005 is already in use.*SES_PORT/);
  });
});
