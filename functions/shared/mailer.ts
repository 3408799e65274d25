import { GetSendQuotaCommand, SESClient, SendEmailCommand, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { required, type Config } from './config';
import { logger } from './logger';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface RawSendOptions {
  /** SES message tags, echoed in SES events (used to reconcile deliveries). */
  tags?: Record<string, string>;
}

/** All email goes through SES; locally through SES local, whose viewer shows every message. */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
  /** Sends a complete MIME message; resolves to the SES message id. */
  sendRaw(raw: string, options?: RawSendOptions): Promise<string>;
  /** The account's maximum send rate per second, or null where SES does not say. */
  maxSendRate(): Promise<number | null>;
}

/** SES refuses when the account's send rate is exceeded; such sends are retried, not failed. */
export function isThrottling(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'Throttling' || error.name === 'ThrottlingException' || /maximum sending rate exceeded/i.test(error.message);
}

export function createSesMailer(options: { region: string; from: string; endpoint?: string | undefined; configurationSet?: string | undefined }): Mailer {
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
          ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
        }),
      );
    },
    async sendRaw(raw, sendOptions = {}) {
      const { MessageId } = await client.send(
        new SendRawEmailCommand({
          RawMessage: { Data: Buffer.from(raw, 'utf8') },
          ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
          Tags: Object.entries(sendOptions.tags ?? {}).map(([Name, Value]) => ({ Name, Value })),
        }),
      );
      return MessageId ?? '';
    },
    async maxSendRate() {
      try {
        // SES local never answers this call; do not let it hold up a send.
        const { MaxSendRate } = await client.send(new GetSendQuotaCommand({}), { abortSignal: AbortSignal.timeout(3000) });
        return MaxSendRate ?? null;
      } catch (error) {
        logger.warn('Could not read the SES send quota', { error });
        return null;
      }
    },
  };
}

export function mailerFromConfig(config: Pick<Config, 'AWS_REGION' | 'MAIL_FROM' | 'SES_ENDPOINT' | 'SES_CONFIGURATION_SET'>): Mailer {
  return createSesMailer({
    region: config.AWS_REGION,
    from: required(config.MAIL_FROM, 'MAIL_FROM'),
    endpoint: config.SES_ENDPOINT,
    configurationSet: config.SES_CONFIGURATION_SET,
  });
}
