import { html } from '../shared/html';
import { normenName, page, secretariatEmail } from '../shared/web/page';

/**
 * The accessibility statement in the parts uustatus.no asks for: the solution, its status, the
 * known deviations with the success criterion each breaks, how it was assessed, the date, where to
 * give feedback and the supervisory authority. Update `madeOn` and the deviations whenever a
 * deviation is fixed or found (issue 11 lists the ones below).
 */
const madeOn = { iso: '2026-12-04', text: '4. desember 2026' };

interface Deviation {
  /** WCAG 2.1 success criterion, number and Norwegian name. */
  criterion: string;
  where: string;
}

const deviations: readonly Deviation[] = [
  {
    criterion: '1.4.3 Kontrast (minimum)',
    where:
      'Publiseringsløsningen (CMS): toppfeltet, statusmerkene («Forfaller snart», «Venteliste», «Under utvikling», «På høring»), knapper, feltetiketter og teksten «Ingen tilgang» har for lav kontrast.',
  },
  { criterion: '1.4.1 Bruk av farge', where: 'Publiseringsløsningen (CMS): noen statuser vises bare med farge.' },
  {
    criterion: '4.1.2 Navn, rolle, verdi',
    where:
      'Publiseringsløsningen (CMS): tekstredigereren har ikke et tilgjengelig navn, og knapper med bare ikon (+ for lovhenvisninger, ↑ ↓ + − i programmet) mangler tekst.',
  },
  { criterion: '2.5.3 Ledetekst i navn', where: 'Publiseringsløsningen (CMS): brukermenyens tilgjengelige navn stemmer ikke med teksten som vises.' },
  { criterion: '1.3.1 Informasjon og relasjoner', where: 'Publiseringsløsningen (CMS): enkelte listepunkter står utenfor en liste.' },
  {
    criterion: '3.1.2 Språk i deler av innholdet',
    where: 'Publiseringsløsningen (CMS): noen feltnavn og jobbnavn vises på engelsk (for eksempel under «Endrede felt» og på jobbsiden).',
  },
];

export function accessibilityStatementPage(): string {
  return page(
    'Tilgjengelighetserklæring',
    html`<h1>Tilgjengelighetserklæring</h1>
<p>Erklæringen gjelder de offentlige sidene og skjemaene til ${normenName} (innspillsskjemaet, påmelding til nyhetsbrevet og til arrangementer, og sidene lenkene i e-postene våre åpner) og publiseringsløsningen sekretariatet, redaktørene og komitémedlemmene bruker.</p>

<h2>Status</h2>
<p>Løsningen er <strong>delvis i samsvar</strong> med kravene i forskrift om universell utforming av IKT-løsninger (WCAG 2.1 nivå A og AA). De offentlige sidene og skjemaene har ingen kjente brudd. Publiseringsløsningen har bruddene som er listet under.</p>

<h2>Kjente avvik</h2>
<ul>
${deviations.map((deviation) => html`  <li><strong>${deviation.criterion}:</strong> ${deviation.where}</li>\n`)}
</ul>

<h2>Slik er løsningen vurdert</h2>
<p>Vi har vurdert løsningen selv. Automatiske tester med axe-core i nettleseren sjekker hver offentlig side og hvert skjema, også med feilmeldinger, mot WCAG 2.1 A og AA, og vi har gått gjennom sidene med tastatur.</p>

<h2>Dato</h2>
<p>Erklæringen ble laget <time datetime="${madeOn.iso}">${madeOn.text}</time>.</p>

<h2>Tilbakemelding</h2>
<p>Finner du noe som ikke virker, eller trenger du innholdet i en annen form? Skriv til sekretariatet på <a href="mailto:${secretariatEmail}">${secretariatEmail}</a>.</p>

<h2>Tilsyn</h2>
<p><a href="https://www.uutilsynet.no/">Tilsynet for universell utforming av ikt</a> fører tilsyn med at løsninger følger kravene. Du kan også melde fra til dem.</p>`,
  );
}
