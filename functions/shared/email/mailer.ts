import { GetSendQuotaCommand, SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import { required, type Config } from '../config';
import { logger } from '../logger';
import type { OutgoingEmail } from './blocks';
import { composeEmail } from './compose';

export interface SendOptions {
  /** SES message tags, echoed in SES events (used to match SES events to recipient sends). */
  tags?: Record<string, string>;
}

/**
 * All email goes through SES SendRawEmail; locally through SES local, whose viewer shows every
 * message. Both ways resolve to the SES message id, which bounce and complaint events name.
 */
export interface Mailer {
  /** Composes the email from its blocks (compose.ts) and sends it. */
  send(email: OutgoingEmail, options?: SendOptions): Promise<string>;
  /** Sends a message composed earlier, e.g. one kept for a retry, exactly as it was composed. */
  sendRaw(raw: string, options?: SendOptions): Promise<string>;
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
  const sendRaw = async (raw: string, sendOptions: SendOptions = {}): Promise<string> => {
    const { MessageId } = await client.send(
      new SendRawEmailCommand({
        RawMessage: { Data: Buffer.from(raw, 'utf8') },
        ...(options.configurationSet ? { ConfigurationSetName: options.configurationSet } : {}),
        Tags: Object.entries(sendOptions.tags ?? {}).map(([Name, Value]) => ({ Name, Value })),
      }),
    );
    return MessageId ?? '';
  };
  return {
    sendRaw,
    async send(email, sendOptions) {
      return sendRaw(await composeEmail(options.from, email), sendOptions);
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
