import type { SNSEvent } from 'aws-lambda';
import type { SesEvent } from '../functions/newsletter/feedback';
import { readSentEmails, type SentEmail } from './services';

/**
 * SES event publishing's stand-in. In AWS the configuration set publishes a Send event for every
 * accepted message (and Bounce and Complaint events later) to SNS, which invokes the feedback
 * function. SES local keeps no events, so this reads its store and builds the same events: the
 * delivery comes from the "Referanse" line every newsletter carries (SES would echo our message
 * tags), and SES's mailbox simulator addresses bounce and complain as they do in AWS.
 */
export function sesEventsFor(email: SentEmail): SesEvent[] {
  const reference = /Referanse: ([\w-]+)\.([\w-]+)/.exec(email.body.text ?? '');
  const mail = {
    messageId: email.messageId,
    ...(reference?.[1] && reference[2] ? { tags: { campaign: [reference[1]], subscriber: [reference[2]] } } : {}),
  };
  const recipients = email.destination.to.map((address) => address.replace(/^.*<([^>]+)>.*$/, '$1').toLowerCase());
  const events: SesEvent[] = [{ eventType: 'Send', mail }];
  const bounced = recipients.filter((address) => address.startsWith('bounce@simulator.amazonses.com'));
  if (bounced.length) {
    events.push({ eventType: 'Bounce', mail, bounce: { bounceType: 'Permanent', bouncedRecipients: bounced.map((emailAddress) => ({ emailAddress })) } });
  }
  const complained = recipients.filter((address) => address.startsWith('complaint@simulator.amazonses.com'));
  if (complained.length)
    events.push({ eventType: 'Complaint', mail, complaint: { complainedRecipients: complained.map((emailAddress) => ({ emailAddress })) } });
  return events;
}

export function snsEventOf(events: SesEvent[]): SNSEvent {
  return {
    Records: events.map((event, index) => ({
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:local:000000000000:normen-ses-events:local',
      Sns: {
        Type: 'Notification',
        MessageId: `${event.mail.messageId}-${index}`,
        TopicArn: 'arn:aws:sns:local:000000000000:normen-ses-events',
        Subject: '',
        Message: JSON.stringify(event),
        Timestamp: new Date().toISOString(),
        SignatureVersion: '1',
        Signature: 'local',
        SigningCertUrl: 'local',
        UnsubscribeUrl: 'local',
        MessageAttributes: {},
      },
    })),
  };
}

/** Publishes events for every email SES local received since `sinceEpochSeconds`; returns the messages it covered. */
export async function publishSesEvents(sesEndpoint: string, seen: Set<string>, deliver: (event: SNSEvent) => Promise<unknown>): Promise<number> {
  const emails = (await readSentEmails(sesEndpoint)).filter((email) => !seen.has(email.messageId));
  for (const email of emails) {
    await deliver(snsEventOf(sesEventsFor(email)));
    seen.add(email.messageId);
  }
  return emails.length;
}

/** Polls SES local and feeds the feedback handler, as SNS would, until stopped. */
export function startLocalSesEvents(sesEndpoint: string, deliver: (event: SNSEvent) => Promise<unknown>, log: (line: string) => void): { stop(): void } {
  const seen = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = async () => {
    try {
      await publishSesEvents(sesEndpoint, seen, deliver);
    } catch (error) {
      log(`SES-hendelser feilet: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!stopped) timer = setTimeout(tick, 1000);
  };
  timer = setTimeout(tick, 1000);
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
