import { startLocalSystem } from './system';

/**
 * `npm start`: the whole platform on this machine with demo data. Data is kept in .data/, so a
 * second start keeps it. Ctrl-C stops every service.
 */
// NORMEN_REQUIRE_MFA=true: everyone sets up an authenticator app at sign-in, as with `-c normen:requireMfa=true` in AWS.
const requireMfa = process.env.NORMEN_REQUIRE_MFA === 'true';
const system = await startLocalSystem({ seed: true, schedules: true, requireMfa, log: (line) => console.log(line) });

const { editor, committee, admin } = system.users;
console.log(`
Normen-plattformen kjører lokalt${system.seeded ? ` (la inn ${system.seeded} demoprodukter)` : ''}.

  CMS (redaksjon)      ${system.cmsUrl}
  API                  ${system.apiUrl}   (helse: ${system.apiUrl}/health, OpenAPI: ${system.apiUrl}/openapi.json)
  Leverings-API        ${system.apiUrl}/content/products
  Arrangementer        ${system.apiUrl}/content/events   (påmeldingsskjema: ${system.apiUrl}/events/<id>/registrations)
  E-post (SES local)   ${system.emailViewerUrl}
  DynamoDB Local       ${system.dynamoDbEndpoint}   (tabell ${system.tableName})
  S3 (s3rver)          ${system.s3Endpoint}   (bøtte ${system.filesBucket})
  Cognito (local)      ${system.cognitoEndpoint}

Innlogging:
  Redaktør             ${editor.username} / ${editor.password}
  Redaksjonskomité     ${committee.username} / ${committee.password}
  Administrator        ${admin.username} / ${admin.password}${requireMfa ? '\n  Totrinnsinnlogging er påkrevd: appen settes opp ved første innlogging.' : ''}

Trykk Ctrl-C for å stoppe.
`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopper …');
    system.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
