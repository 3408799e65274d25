import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { subscriptionRequestSchema } from '../../content-model';
import { linkProblem, signUpProblem, subscriptionFormPage } from '../../functions/newsletter/pages';
import { ConflictError, NotFoundError, RateLimitedError } from '../../functions/shared/errors';
import type { HttpRequest, HttpResponse } from '../../functions/shared/http/request';
import { htmlPage, json } from '../../functions/shared/http/request';
import { registrationProblem } from '../../functions/events/pages';
import { invalidLink, linkTokenOf } from '../../functions/shared/link-tokens';
import { formOperation } from '../../functions/shared/web/form';
import { pageOperation } from '../../functions/shared/web/problem';

/** A public POST as API Gateway hands it over: a form post or a JSON body. */
function post(body: string, contentType: string): HttpRequest {
  const event = {
    headers: { 'content-type': contentType },
    body,
    isBase64Encoded: false,
    requestContext: { http: { method: 'POST', sourceIp: '192.0.2.1' } },
  } as unknown as APIGatewayProxyEventV2;
  return { event, actor: null };
}
const formPost = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of [value].flat()) params.append(name, one);
  return post(params.toString(), 'application/x-www-form-urlencoded');
};

/** The newsletter sign-up as the kit assembles it, with the use case replaced by `outcome`. */
const signUp = (outcome: () => Promise<void>) =>
  formOperation({
    schema: subscriptionRequestSchema,
    submit: outcome,
    json: () => json(202, { status: 'check-your-email' }),
    page: () => htmlPage(202, 'Sjekk e-posten din'),
    form: async (state) => subscriptionFormPage(state),
    problem: signUpProblem,
  });

const body = (response: HttpResponse) => String(response.body);

describe('the web kit', () => {
  it('answers a rate-limited newsletter sign-up with the rate-limit page (429, Retry-After), never "Lenken virker ikke"', async () => {
    const limited = async () => {
      throw new RateLimitedError(120);
    };
    for (const operation of [signUp(limited), pageOperation(linkProblem, limited)]) {
      const response = await operation(formPost({ email: 'kari@sykehus.no' }));
      expect(response.statusCode).toBe(429);
      expect(response.headers).toMatchObject({ 'retry-after': '120', 'content-type': 'text/html; charset=utf-8' });
      expect(body(response)).toContain('<html lang="nb">');
      expect(body(response)).toContain('<h1>Prøv igjen senere</h1>');
      expect(body(response)).toContain('For mange innsendinger på kort tid. Prøv igjen om 2 minutter.');
      expect(body(response)).not.toContain('Lenken virker ikke');
    }
  });

  it('shows the form again on a 400, with the errors linked to their fields and what was typed and ticked kept', async () => {
    const response = await signUp(async () => undefined)(formPost({ email: 'ikke-en-adresse', interests: ['privacy', 'events'] }));
    expect(response.statusCode).toBe(400);
    const page = body(response);
    expect(page).toMatch(/<div class="errors" role="alert">.*<a href="#email">E-postadresse: /s);
    expect(page).toContain('<p class="error" id="email-error">');
    expect(page).toContain('value="ikke-en-adresse" aria-invalid="true" aria-describedby="email-error"');
    expect(page).toMatch(/value="privacy" checked/);
    expect(page).toMatch(/value="events" checked/);
    expect(page).not.toMatch(/value="guides" checked/);
  });

  it('maps a use case refusal to a Norwegian problem page with its own status, and a JSON caller to the JSON error mapping', async () => {
    const conflict = signUp(async () => {
      throw new ConflictError('Påmeldingen er stengt.');
    });
    const page = await conflict(formPost({ email: 'kari@sykehus.no' }));
    expect(page.statusCode).toBe(409);
    expect(body(page)).toContain('<h1>Påmeldingen ble ikke sendt</h1>');
    expect(body(page)).toContain('<a href="subscriptions">Meld deg på nyhetsbrevet</a>');
    await expect(conflict(post(JSON.stringify({ email: 'kari@sykehus.no' }), 'application/json'))).rejects.toBeInstanceOf(ConflictError);

    const missing = await pageOperation({ title: (error) => (error.status === 404 ? 'Finner ikke påmeldingen' : 'Det gikk ikke') }, async () => {
      throw new NotFoundError('Arrangementet finnes ikke');
    })(formPost({}));
    expect(missing.statusCode).toBe(404);
    expect(body(missing)).toContain('<h1>Finner ikke påmeldingen</h1>');
    expect(body(missing)).toContain('Arrangementet finnes ikke');

    const badLink = await pageOperation(linkProblem, async () => {
      throw invalidLink();
    })(formPost({}));
    expect(badLink.statusCode).toBe(400);
    expect(body(badLink)).toContain('<h1>Lenken virker ikke</h1>');
  });

  it('tells a person with a missing, cut-off or bad link what happened and what to do, in Norwegian, never naming the token', async () => {
    const followLink = (query: Record<string, string> | undefined) => {
      const request = formPost({});
      return { ...request, event: { ...request.event, ...(query ? { queryStringParameters: query } : {}) } };
    };
    const openLink = async (request: HttpRequest) => htmlPage(200, linkTokenOf(request.event.queryStringParameters));
    for (const wording of [linkProblem, registrationProblem]) {
      for (const query of [undefined, { token: 'kort' }, { token: '' }]) {
        const response = await pageOperation(wording, openLink)(followLink(query));
        expect(response.statusCode).toBe(400);
        const text = body(response);
        expect(text).toContain('<h1>Lenken virker ikke</h1>');
        expect(text).toContain('Lenken er ugyldig eller utløpt. Bruk lenken i den nyeste e-posten fra oss, eller be om en ny.');
        expect(text).not.toMatch(/token|sjekk|Ugyldig (verdi|forespørsel)/i);
        // A way onward: back to the form, or the secretariat's address when there is no form to go back to.
        expect(text).toMatch(wording === linkProblem ? /<a href="subscriptions">/ : /<a href="mailto:sekretariatet@normen.no">/);
      }
    }
  });

  it('lets a server error through to the error mapping (counted and alarmed there)', async () => {
    const broken = signUp(async () => {
      throw new Error('DynamoDB is down');
    });
    await expect(broken(formPost({ email: 'kari@sykehus.no' }))).rejects.toThrow('DynamoDB is down');
  });
});
