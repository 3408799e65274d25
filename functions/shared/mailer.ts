import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import type { Config } from './config';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

/** All email goes through SES; locally through SES local, whose viewer shows every message. */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

export function createSesMailer(options: { region: string; from: string; endpoint?: string | undefined }): Mailer {
  const client = new SESClient({
    region: options.region,
    ...(options.endpoint ? { endpoint: options.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return {
    async send(message) {
      await client.send(
        new SendEmailCommand({
          Source: options.from,
          Destination: { ToAddresses: [message.to] },
          Message: {
            Subject: { Data: message.subject, Charset: 'UTF-8' },
            Body: { Text: { Data: message.text, Charset: 'UTF-8' }, Html: { Data: message.html, Charset: 'UTF-8' } },
          },
        }),
      );
    },
  };
}

export function mailerFromConfig(config: Pick<Config, 'AWS_REGION' | 'MAIL_FROM' | 'SES_ENDPOINT'>): Mailer {
  return createSesMailer({ region: config.AWS_REGION, from: config.MAIL_FROM, endpoint: config.SES_ENDPOINT });
}
