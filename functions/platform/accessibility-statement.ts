import { html, type SafeHtml } from '../shared/html';
import { normenName, page, secretariatEmail } from '../shared/web/page';

/**
 * The accessibility statement in the parts uustatus.no asks for: the solution, its status, the
 * known deviations with the success criterion each breaks, how it was assessed, the date, where to
 * give feedback and the supervisory authority. Update `madeOn` and the deviations whenever a
 * deviation is fixed or found (issue 11 lists the ones below).
 */
const madeOn = { iso: '2026-12-05', text: '5. desember 2026' };

interface Deviation {
  /** WCAG 2.1 success criterion, number and Norwegian name. */
  criterion: string;
  where: string;
}

/**
 * None known: the CMS's contrast, colour-only statuses, unnamed editor and icon buttons, user menu
 * name, stray list items and English field names (issue 11) are fixed, and the browser tests run
 * axe-core on every page state they reach. Add a deviation here when one is found.
 */
const deviations: readonly Deviation[] = [];

function statusText(): SafeHtml {
  return deviations.length === 0
    ? html`<p>Løsningen er <strong>i samsvar</strong> med kravene i forskrift om universell utforming av IKT-løsninger (WCAG 2.1 nivå A og AA) så langt vi har vurdert den. Vi kjenner ikke til brudd på kravene, verken på de offentlige sidene og skjemaene eller i publiseringsløsningen.</p>`
    : html`<p>Løsningen er <strong>delvis i samsvar</strong> med kravene i forskrift om universell utforming av IKT-løsninger (WCAG 2.1 nivå A og AA). Bruddene vi kjenner til, er listet under.</p>`;
}

function deviationsText(): SafeHtml {
  if (deviations.length === 0) return html`<p>Ingen kjente avvik.</p>`;
  return html`<ul>
${deviations.map((deviation) => html`  <li><strong>${deviation.criterion}:</strong> ${deviation.where}</li>\n`)}
</ul>`;
}

export function accessibilityStatementPage(): string {
  return page(
    'Tilgjengelighetserklæring',
    html`<h1>Tilgjengelighetserklæring</h1>
<p>Erklæringen gjelder de offentlige sidene og skjemaene til ${normenName} (innspillsskjemaet, påmelding til nyhetsbrevet og til arrangementer, og sidene lenkene i e-postene våre åpner) og publiseringsløsningen sekretariatet, redaktørene og komitémedlemmene bruker.</p>

<h2>Status</h2>
${statusText()}

<h2>Kjente avvik</h2>
${deviationsText()}

<h2>Slik er løsningen vurdert</h2>
<p>Vi har vurdert løsningen selv. Automatiske tester med axe-core i nettleseren sjekker mot WCAG 2.1 A og AA hver offentlig side og hvert skjema, også med feilmeldinger, og hver side i publiseringsløsningen som redaktører, komitémedlemmer og administratorer kommer til, også dialoger, skjemaer med feilmeldinger og siden «Ingen tilgang». Vi har gått gjennom de offentlige sidene med tastatur, og testene bruker tastaturet i deler av publiseringsløsningen. Automatiske tester finner ikke alle brudd, så vi tar gjerne imot tilbakemeldinger.</p>

<h2>Dato</h2>
<p>Erklæringen ble laget <time datetime="${madeOn.iso}">${madeOn.text}</time>.</p>

<h2>Tilbakemelding</h2>
<p>Finner du noe som ikke virker, eller trenger du innholdet i en annen form? Skriv til sekretariatet på <a href="mailto:${secretariatEmail}">${secretariatEmail}</a>.</p>

<h2>Tilsyn</h2>
<p><a href="https://www.uutilsynet.no/">Tilsynet for universell utforming av ikt</a> fører tilsyn med at løsninger følger kravene. Du kan også melde fra til dem.</p>`,
  );
}
