import { formatOsloDate, passwordRules, userGroups, type UserGroup } from '../../content-model';
import { action, type Email, paragraph, signature } from '../shared/email/blocks';
import { renderHtml } from '../shared/email/render';

/**
 * The invitation: where the CMS is, the username and the temporary password, and what happens at
 * first sign-in. Sent through SES by the user administration itself, not by Cognito, so the text is
 * ours in both AWS and locally (the README says why). `expiresAt` is when the temporary password
 * stops working.
 */
export function invitationEmail(invite: {
  name: string;
  username: string;
  group: UserGroup;
  temporaryPassword: string;
  cmsUrl: string;
  expiresAt: Date;
}): Email {
  return {
    subject: 'Du er invitert til publiseringsløsningen for Normen',
    blocks: [
      paragraph(`Hei ${invite.name},`),
      paragraph(`Du har fått tilgang til publiseringsløsningen for Normen som ${userGroups.labels[invite.group].toLowerCase()}.`),
      {
        kind: 'facts',
        rows: [
          ['Brukernavn', invite.username],
          ['Midlertidig passord', invite.temporaryPassword],
          ['Gyldig til', formatOsloDate(invite.expiresAt)],
        ],
      },
      action('Logg inn med brukernavnet og det midlertidige passordet. Første gang lager du et nytt passord.', 'Åpne publiseringsløsningen', invite.cmsUrl),
      { kind: 'list', title: 'Det nye passordet må ha', items: passwordRules.map((rule) => rule.text) },
      paragraph('Har du ikke ventet denne e-posten, kan du se bort fra den.', { muted: true }),
      signature,
    ],
  };
}

/** The code for a forgotten password (Cognito's ForgotPassword; locally delivered by local/services/cognito-server.ts). */
export function passwordResetEmail(reset: { code: string; cmsUrl: string }): Email {
  return {
    subject: 'Kode for å lage nytt passord i publiseringsløsningen for Normen',
    blocks: [
      paragraph('Du har bedt om å lage nytt passord.'),
      { kind: 'facts', rows: [['Kode', reset.code]] },
      action('Skriv inn koden på siden der du ba om den, og lag et nytt passord.', 'Åpne publiseringsløsningen', reset.cmsUrl),
      paragraph('Har du ikke bedt om nytt passord, kan du se bort fra denne e-posten. Passordet ditt er ikke endret.', { muted: true }),
      signature,
    ],
  };
}

/**
 * The pool's own message templates, in the same words (infra/stateful-stack.ts): the invitation Cognito
 * would send for a user created outside the CMS (the AWS console), and the verification message, which
 * is what Cognito sends with the code for a forgotten password. Cognito fills in `{username}` and `{####}`.
 */
export function cognitoMessageTemplates(cmsUrl: string) {
  const invitation: Email = {
    subject: 'Du er invitert til publiseringsløsningen for Normen',
    blocks: [
      paragraph('Du har fått tilgang til publiseringsløsningen for Normen.'),
      {
        kind: 'facts',
        rows: [
          ['Brukernavn', '{username}'],
          ['Midlertidig passord', '{####}'],
        ],
      },
      action('Logg inn med brukernavnet og det midlertidige passordet. Første gang lager du et nytt passord.', 'Åpne publiseringsløsningen', cmsUrl),
      signature,
    ],
  };
  const verification = passwordResetEmail({ code: '{####}', cmsUrl });
  return {
    invitation: { subject: invitation.subject, html: renderHtml(invitation) },
    verification: { subject: verification.subject, html: renderHtml(verification) },
  };
}
