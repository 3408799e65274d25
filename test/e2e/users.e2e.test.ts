import { randomUUID } from 'node:crypto';
import {
  CognitoIdentityProviderClient,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { localClientConfig, readSentEmails } from '../../local/services';
import { totp, wrongTotp } from '../support/totp';
import { accessibilityViolations } from './axe';
import { apiAs, apiAsRole, expectAbsent, expectVisible, logIn, newCmsPage, openMenu, selectOption, useBrowserSystem } from './browser';

/**
 * People and access in the CMS, in Chromium against the whole local system: an admin invites and
 * manages users; invited people sign in the first time with the emailed temporary password; a
 * forgotten password is replaced with a code from the email; two-step sign-in with an
 * authenticator app (the codes computed here from the secret the page shows).
 */
const e2e = useBrowserSystem('normen-e2e-users-');
let cognitoClient: CognitoIdentityProviderClient | undefined;
afterAll(() => cognitoClient?.destroy());

const unique = () => randomUUID().slice(0, 8);

/** Axe on the page once dialogs have faded in (mid-transition, text is only partly opaque and fails contrast). */
async function expectAccessible(page: Page, state: string): Promise<void> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((animation) => animation.playState !== 'running' || animation.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY),
  );
  expect(await accessibilityViolations(page), `${state} (${page.url()})`).toEqual([]);
}

/** The newest email to `address` whose subject contains `subject`, once SES local has it. */
async function emailTo(address: string, subject: string, after = 0): Promise<string> {
  let text = '';
  await expect
    .poll(
      async () => {
        const found = (await readSentEmails(e2e.system.sesEndpoint)).filter(
          (email) => email.destination.to.some((to) => to.includes(address)) && email.subject.includes(subject),
        );
        text = found.length > after ? (found.at(-1)?.body.text ?? '') : '';
        return text.length > 0;
      },
      { timeout: 20_000, interval: 250 },
    )
    .toBe(true);
  return text;
}

const temporaryPasswordIn = (text: string) => /Midlertidig passord: (\S+)/.exec(text)?.[1] ?? '';

interface Invited {
  email: string;
  name: string;
  username: string;
}

/** Invites someone through the API (the dialog itself is tested once, below). */
async function inviteByApi(group: 'editor' | 'committee' | 'admin', name: string): Promise<Invited> {
  const email = `${group}-${unique()}@example.no`;
  const api = await apiAsRole(e2e.system, 'admin');
  const response = await api('POST', '/admin/users', { email, name, group });
  expect(response.status).toBe(201);
  const { username } = (await response.json()) as { username: string };
  return { email, name, username };
}

const cognitoLocal = () => {
  cognitoClient ??= new CognitoIdentityProviderClient(localClientConfig(e2e.system.cognitoEndpoint));
  return cognitoClient;
};

/** The first sign-in done directly against cognito-local, for tests about what comes after it. */
async function activate(user: Invited, password: string): Promise<void> {
  const temporary = temporaryPasswordIn(await emailTo(user.email, 'invitert'));
  const first = await cognitoLocal().send(
    new InitiateAuthCommand({ ClientId: e2e.system.clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: user.email, PASSWORD: temporary } }),
  );
  await cognitoLocal().send(
    new RespondToAuthChallengeCommand({
      ClientId: e2e.system.clientId,
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      Session: first.Session,
      ChallengeResponses: { USERNAME: first.ChallengeParameters?.USER_ID_FOR_SRP ?? user.email, NEW_PASSWORD: password },
    }),
  );
}

/** A cold start of the CMS, with the email and password typed into the sign-in form. */
async function submitSignIn(email: string, password: string): Promise<Page> {
  const { page } = await newCmsPage(e2e.browser, 'visitor');
  await page.goto(e2e.system.cmsUrl);
  await page.getByRole('textbox', { name: 'Brukernavn' }).fill(email, { timeout: 45_000 });
  await page.getByRole('textbox', { name: 'Passord', exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  return page;
}

const dashboardHeading = (page: Page) => page.getByRole('heading', { level: 1, name: 'Forfall og oppfølging' });

/** The field's error, as its accessible description (what a screen reader reads with it). */
async function expectFieldError(field: Locator, message: string | RegExp): Promise<void> {
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const description = await field.evaluate((element) =>
    (element.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
  expect(description).toMatch(message);
}

describe('People and access in the CMS', () => {
  it('lets an admin invite a committee member, who sets a new password at first sign-in and sees what the committee may do', async () => {
    const admin = await logIn(e2e.browser, e2e.system, 'admin');
    await openMenu(admin, 'Brukere');
    await expectVisible(admin.getByRole('heading', { level: 1, name: 'Brukere' }));
    const table = admin.getByRole('table', { name: 'Brukere' });
    await expectVisible(table.getByRole('row').filter({ hasText: e2e.system.users.committee.username }));
    await expectVisible(table.getByRole('row').filter({ hasText: e2e.system.users.admin.username }).getByText('Administrator'));
    await expectAccessible(admin, 'Brukere');

    const email = `nora-${unique()}@example.no`;
    await admin.getByRole('button', { name: 'Inviter' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Inviter en ny bruker' });
    await dialog.getByRole('button', { name: 'Send invitasjon' }).click();
    await expectFieldError(dialog.getByRole('textbox', { name: 'E-postadresse' }), /Påkrevd|e-post/i);
    await expectVisible(dialog.getByText('Velg en gruppe'));
    await expectAccessible(admin, 'Inviter, med feil');
    await dialog.getByRole('textbox', { name: 'E-postadresse' }).fill(email);
    await dialog.getByRole('textbox', { name: 'Navn' }).fill('Nora Nykommer');
    await selectOption(dialog, 'Gruppe', 'Redaksjonskomiteen');
    await dialog.getByRole('button', { name: 'Send invitasjon' }).click();
    await expectVisible(admin.getByText(`Invitasjonen er sendt til ${email}`));
    const row = table.getByRole('row').filter({ hasText: email });
    await expectVisible(row.getByText('Invitert'));
    await expectVisible(row.getByText('Redaksjonskomiteen'));

    // The same address again: the API's 409, at the email field.
    await admin.getByRole('button', { name: 'Inviter' }).click();
    await dialog.getByRole('textbox', { name: 'E-postadresse' }).fill(email);
    await dialog.getByRole('textbox', { name: 'Navn' }).fill('Nora Igjen');
    await selectOption(dialog, 'Gruppe', 'Redaktør (sekretariatet)');
    await dialog.getByRole('button', { name: 'Send invitasjon' }).click();
    await expectFieldError(dialog.getByRole('textbox', { name: 'E-postadresse' }), /finnes allerede/);
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await admin.context().close();

    // The invitation, in Norwegian, through SES local.
    const invitation = await emailTo(email, 'invitert');
    expect(invitation).toContain(`Brukernavn: ${email}`);
    expect(invitation).toContain('Minst 12 tegn');
    const member = await submitSignIn(email, temporaryPasswordIn(invitation));

    const step = member.getByRole('form', { name: 'Lag nytt passord' });
    await expectVisible(step);
    for (const rule of ['Minst 12 tegn', 'Minst én liten bokstav (a–z)', 'Minst én stor bokstav (A–Z)', 'Minst ett tall'])
      await expectVisible(step.getByText(rule));
    await expectAccessible(member, 'Lag nytt passord');
    const newPassword = step.getByRole('textbox', { name: 'Nytt passord', exact: true });
    const repeat = step.getByRole('textbox', { name: 'Gjenta nytt passord' });
    // The rules are checked in the page, and the broken one is told at the field.
    await newPassword.fill('kortpassord');
    await repeat.fill('kortpassord');
    await step.getByRole('button', { name: 'Lagre passordet og logg inn' }).click();
    await expectFieldError(newPassword, 'Passordet oppfyller ikke kravet: minst 12 tegn');
    await expectAccessible(member, 'Lag nytt passord, med feil');
    await newPassword.fill('Komiteens-passord-2026!');
    await repeat.fill('Komiteens-passord-2027!');
    await step.getByRole('button', { name: 'Lagre passordet og logg inn' }).click();
    await expectFieldError(repeat, 'Passordene er ikke like');
    await repeat.fill('Komiteens-passord-2026!');
    await step.getByRole('button', { name: 'Lagre passordet og logg inn' }).click();
    await expectVisible(dashboardHeading(member));

    // What the committee may do: read, not manage people, the newsletter or events.
    await expectVisible(member.getByRole('menuitem', { name: 'Planlagte jobber', exact: true }));
    for (const item of ['Brukere', 'Nyhetsbrev', 'Abonnenter', 'Arrangementer'])
      await expectAbsent(member, member.getByRole('menuitem', { name: item, exact: true }));
    await openMenu(member, 'Dokumentoversikt');
    await expectVisible(member.getByRole('columnheader', { name: 'Tittel' }));
    await expectAbsent(member, member.getByRole('link', { name: 'Nytt produkt' }));
    await member.goto(`${e2e.system.cmsUrl}#/brukere`);
    await expectVisible(member.getByText('Ingen tilgang'));
    await expectAbsent(member, member.getByRole('button', { name: 'Inviter' }));
    const api = await apiAs(member, e2e.system);
    expect((await api('GET', '/admin/users')).status).toBe(403);
    expect((await api('GET', '/admin/dashboard')).status).toBe(200);

    // And the admin now sees the member as active.
    const adminAgain = await logIn(e2e.browser, e2e.system, 'admin');
    await adminAgain.goto(`${e2e.system.cmsUrl}#/brukere`);
    await expectVisible(adminAgain.getByRole('row').filter({ hasText: email }).getByText('Aktiv'));
    await member.context().close();
    await adminAgain.context().close();
  }, 180_000);

  it('lets an admin change a group, disable and enable, resend the invitation and remove, each confirmed and in the history', async () => {
    const invited = await inviteByApi('committee', `Per Prøve ${unique()}`);
    const admin = await logIn(e2e.browser, e2e.system, 'admin');
    await admin.goto(`${e2e.system.cmsUrl}#/brukere`);
    await admin.getByRole('link', { name: invited.name }).click();
    await expectVisible(admin.getByRole('heading', { level: 1, name: invited.name }));
    const access = admin.getByRole('region', { name: 'Tilgang' });
    const history = admin.getByRole('table', { name: `Historikk for ${invited.name}` });
    await expectVisible(history.getByText('Invitert som redaksjonskomiteen'));
    await expectAccessible(admin, 'Brukerens side');

    await access.getByRole('button', { name: 'Endre gruppe' }).click();
    const groupDialog = admin.getByRole('dialog', { name: `Endre gruppe for ${invited.name}` });
    await expectAccessible(admin, 'Endre gruppe');
    await selectOption(groupDialog, 'Gruppe', 'Redaktør (sekretariatet)');
    await groupDialog.getByRole('button', { name: 'Endre gruppe' }).click();
    await expectVisible(history.getByText(/Gruppe: Redaksjonskomiteen → Redaktør \(sekretariatet\)/));
    await expectVisible(access.getByText('Redaktør (sekretariatet)'));

    // Resend: only while invited; a new temporary password goes out.
    await access.getByRole('button', { name: 'Send invitasjonen på nytt' }).click();
    const resend = admin.getByRole('dialog', { name: 'Send invitasjonen på nytt' });
    await expectAccessible(admin, 'Send invitasjonen på nytt');
    await resend.getByRole('button', { name: 'Send på nytt' }).click();
    await expectVisible(history.getByText('Ny invitasjon sendt'));
    await emailTo(invited.email, 'invitert', 1);

    await access.getByRole('button', { name: 'Deaktiver' }).click();
    const disable = admin.getByRole('dialog', { name: `Deaktiver ${invited.name}` });
    await expectAccessible(admin, 'Deaktiver');
    await disable.getByRole('button', { name: 'Deaktiver' }).click();
    await expectVisible(access.getByText('Deaktivert'));
    await expectAbsent(admin, access.getByRole('button', { name: 'Send invitasjonen på nytt' }));
    await access.getByRole('button', { name: 'Aktiver' }).click();
    await admin
      .getByRole('dialog', { name: `Aktiver ${invited.name}` })
      .getByRole('button', { name: 'Aktiver' })
      .click();
    await expectVisible(access.getByText('Invitert'));

    await access.getByRole('button', { name: 'Fjern' }).click();
    const remove = admin.getByRole('dialog', { name: `Fjern ${invited.name}` });
    await expectAccessible(admin, 'Fjern');
    await remove.getByRole('button', { name: 'Fjern' }).click();
    await expectVisible(admin.getByRole('heading', { level: 1, name: 'Brukere' }));
    await expectVisible(admin.getByRole('row').filter({ hasText: e2e.system.users.editor.username }));
    await expectAbsent(admin, admin.getByRole('row').filter({ hasText: invited.email }));

    // An admin's own page offers neither disabling nor removing themself.
    await admin.getByRole('link', { name: 'Arne Admin' }).click();
    await expectVisible(admin.getByText('Du kan ikke deaktivere eller fjerne deg selv.'));
    await expectAbsent(admin, admin.getByRole('button', { name: 'Fjern' }));
    await admin.context().close();
  }, 180_000);

  it('replaces a forgotten password with a code from the email', async () => {
    const user = await inviteByApi('editor', 'Glemme Glemsk');
    await activate(user, 'Forste-passord-2026!');
    const { page } = await newCmsPage(e2e.browser, 'visitor');
    await page.goto(e2e.system.cmsUrl);
    await page.getByRole('textbox', { name: 'Brukernavn' }).fill(user.email, { timeout: 45_000 });
    await page.getByRole('button', { name: 'Glemt passord?' }).click();

    const forgot = page.getByRole('form', { name: 'Glemt passord' });
    await expectVisible(forgot);
    expect(await forgot.getByRole('textbox', { name: 'E-postadresse' }).inputValue()).toBe(user.email);
    await expectAccessible(page, 'Glemt passord');
    await forgot.getByRole('button', { name: 'Send kode' }).click();

    const reset = page.getByRole('form', { name: 'Lag nytt passord' });
    await expectVisible(reset.getByText(`Vi har sendt en kode til ${user.email}`));
    await expectVisible(reset.getByText('Minst 12 tegn'));
    await expectAccessible(page, 'Lag nytt passord med koden');
    const code = /Kode: (\d{6})/.exec(await emailTo(user.email, 'Kode for å lage nytt passord'))?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);

    const codeField = reset.getByRole('textbox', { name: 'Kode fra e-posten' });
    await codeField.fill(code === '000000' ? '111111' : '000000');
    await reset.getByRole('textbox', { name: 'Nytt passord', exact: true }).fill('Andre-passord-2026!');
    await reset.getByRole('textbox', { name: 'Gjenta nytt passord' }).fill('Andre-passord-2026!');
    await reset.getByRole('button', { name: 'Lagre nytt passord' }).click();
    await expectFieldError(codeField, /Koden stemmer ikke/);
    await expectAccessible(page, 'Lag nytt passord, feil kode');
    await codeField.fill(code);
    await reset.getByRole('button', { name: 'Lagre nytt passord' }).click();

    const signIn = page.getByRole('form', { name: 'Logg inn' });
    await expectVisible(signIn.getByText('Passordet er endret. Logg inn med det nye passordet.'));
    expect(await signIn.getByRole('textbox', { name: 'Brukernavn' }).inputValue()).toBe(user.email);
    await expectAccessible(page, 'Logg inn etter nytt passord');
    await signIn.getByRole('textbox', { name: 'Passord', exact: true }).fill('Andre-passord-2026!');
    await signIn.getByRole('button', { name: 'Logg inn' }).click();
    await expectVisible(dashboardHeading(page));
    await page.context().close();
  }, 120_000);

  it('lets anyone change their password and turn on two-step sign-in on their profile page, and then asks for the code at sign-in', async () => {
    const user = await inviteByApi('editor', 'Tove Totrinn');
    await activate(user, 'Tove-passord-2026!');
    const page = await submitSignIn(user.email, 'Tove-passord-2026!');
    await expectVisible(dashboardHeading(page));
    await page.getByRole('button', { name: /^Profil for / }).click();
    await page.getByRole('menuitem', { name: 'Min profil' }).click();
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Profil' }));
    const about = page.getByRole('region', { name: 'Om deg' });
    await expectVisible(about.getByText(user.email));
    await expectVisible(about.getByText('Tove Totrinn'));
    await expectVisible(about.getByText('Redaktør (sekretariatet)'));
    await expectAccessible(page, 'Profil');

    const passwordForm = page.getByRole('form', { name: 'Bytt passord' });
    await passwordForm.getByRole('textbox', { name: 'Nåværende passord' }).fill('Feil-passord-2026!');
    await passwordForm.getByRole('textbox', { name: 'Nytt passord', exact: true }).fill('Toves-nye-passord-2026!');
    await passwordForm.getByRole('textbox', { name: 'Gjenta nytt passord' }).fill('Toves-nye-passord-2026!');
    await passwordForm.getByRole('button', { name: 'Bytt passord' }).click();
    await expectFieldError(passwordForm.getByRole('textbox', { name: 'Nåværende passord' }), 'Passordet stemmer ikke');
    await passwordForm.getByRole('textbox', { name: 'Nåværende passord' }).fill('Tove-passord-2026!');
    await passwordForm.getByRole('button', { name: 'Bytt passord' }).click();
    await expectVisible(passwordForm.getByText('Passordet er endret.'));

    const twoStep = page.getByRole('region', { name: 'Totrinnsinnlogging' });
    await twoStep.getByRole('button', { name: 'Slå på totrinnsinnlogging' }).click();
    await expectVisible(twoStep.getByRole('img', { name: /QR-kode/ }));
    const secret = ((await twoStep.locator('code').textContent()) ?? '').replace(/\s/g, '');
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await expectAccessible(page, 'Slå på totrinnsinnlogging');
    const codeField = twoStep.getByRole('textbox', { name: 'Kode fra autentiseringsappen' });
    await codeField.fill(wrongTotp(secret));
    await twoStep.getByRole('button', { name: 'Bekreft og slå på' }).click();
    await expectFieldError(codeField, /Koden stemmer ikke/);
    await codeField.fill(totp(secret));
    await twoStep.getByRole('button', { name: 'Bekreft og slå på' }).click();
    await expectVisible(twoStep.getByText(/Totrinnsinnlogging er slått på\./).first());
    await expectAccessible(page, 'Totrinnsinnlogging på');
    await page.context().close();

    // The next sign-in asks for the code from the app.
    const next = await submitSignIn(user.email, 'Toves-nye-passord-2026!');
    const codeStep = next.getByRole('form', { name: 'Totrinnsinnlogging' });
    await expectVisible(codeStep);
    await expectAccessible(next, 'Kode ved innlogging');
    const signInCode = codeStep.getByRole('textbox', { name: 'Kode fra autentiseringsappen' });
    await signInCode.fill(wrongTotp(secret));
    await codeStep.getByRole('button', { name: 'Logg inn' }).click();
    await expectFieldError(signInCode, /Koden stemmer ikke/);
    await signInCode.fill(totp(secret));
    await codeStep.getByRole('button', { name: 'Logg inn' }).click();
    await expectVisible(dashboardHeading(next));
    const admin = await apiAsRole(e2e.system, 'admin');
    const shown = (await (await admin('GET', `/admin/users/${encodeURIComponent(user.username)}`)).json()) as { mfa?: boolean };
    expect(shown.mfa).toBe(true);

    // Turned off again, the password alone signs in.
    await next.goto(`${e2e.system.cmsUrl}#/profil`);
    const twoStepAgain = next.getByRole('region', { name: 'Totrinnsinnlogging' });
    await twoStepAgain.getByRole('button', { name: 'Slå av totrinnsinnlogging' }).click();
    await expectAccessible(next, 'Slå av totrinnsinnlogging');
    await next.getByRole('dialog', { name: 'Slå av totrinnsinnlogging' }).getByRole('button', { name: 'Slå av' }).click();
    await expectVisible(twoStepAgain.getByText('Totrinnsinnlogging er slått av.').first());
    await next.context().close();
    const last = await submitSignIn(user.email, 'Toves-nye-passord-2026!');
    await expectVisible(dashboardHeading(last));
    await last.context().close();
  }, 180_000);
  it('sets up the authenticator app at the first sign-in when the pool requires two-step sign-in', async () => {
    const requireMfa = (on: boolean) =>
      cognitoLocal().send(
        new SetUserPoolMfaConfigCommand({
          UserPoolId: e2e.system.userPoolId,
          MfaConfiguration: on ? 'ON' : 'OPTIONAL',
          SoftwareTokenMfaConfiguration: { Enabled: true },
        }),
      );
    const user = await inviteByApi('committee', 'Mona Måtotrinn');
    const temporary = temporaryPasswordIn(await emailTo(user.email, 'invitert'));
    await requireMfa(true);
    try {
      const page = await submitSignIn(user.email, temporary);
      const step = page.getByRole('form', { name: 'Lag nytt passord' });
      await step.getByRole('textbox', { name: 'Nytt passord', exact: true }).fill('Monas-passord-2026!');
      await step.getByRole('textbox', { name: 'Gjenta nytt passord' }).fill('Monas-passord-2026!');
      await step.getByRole('button', { name: 'Lagre passordet og logg inn' }).click();

      const setup = page.getByRole('form', { name: 'Sett opp totrinnsinnlogging' });
      await expectVisible(setup.getByRole('img', { name: `QR-kode for å legge til Normen (${user.email}) i autentiseringsappen` }));
      const secret = ((await setup.locator('code').textContent()) ?? '').replace(/\s/g, '');
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      await expectAccessible(page, 'Sett opp totrinnsinnlogging');
      const codeField = setup.getByRole('textbox', { name: 'Kode fra autentiseringsappen' });
      await codeField.fill(wrongTotp(secret));
      await setup.getByRole('button', { name: 'Bekreft og logg inn' }).click();
      await expectFieldError(codeField, /Koden stemmer ikke/);
      await codeField.fill(totp(secret));
      await setup.getByRole('button', { name: 'Bekreft og logg inn' }).click();
      await expectVisible(dashboardHeading(page));
      await page.context().close();

      // From now on the app's code is asked for.
      const next = await submitSignIn(user.email, 'Monas-passord-2026!');
      const codeStep = next.getByRole('form', { name: 'Totrinnsinnlogging' });
      await codeStep.getByRole('textbox', { name: 'Kode fra autentiseringsappen' }).fill(totp(secret));
      await codeStep.getByRole('button', { name: 'Logg inn' }).click();
      await expectVisible(dashboardHeading(next));
      await next.context().close();
    } finally {
      await requireMfa(false);
    }
  }, 120_000);
});
