import { formatOsloDate, GENERAL_INPUT, stakeholderGroupLabel, stakeholderGroups, type Consultation } from '../../content-model';
import { html } from '../shared/html';
import { errorSummary, honeypot, personFields, privacyNotice, personLabels, selectField, textArea, type FormState } from '../shared/web/fields';
import { onwardLinks, page } from '../shared/web/page';
import type { ProblemWording } from '../shared/web/problem';

const labels = { consultationId: 'Gjelder', ...personLabels, stakeholderGroup: stakeholderGroupLabel, text: 'Innspill' };

/**
 * The input form: plain HTML that works without JavaScript and can be embedded on normen.no.
 * `notice` is shown above it, e.g. that the consultation the link was for has ended.
 */
export function inputFormPage(open: Consultation[], state: FormState, notice: string | null = null): string {
  const body = html`<h1>Send innspill til Normen</h1>
<p>Innspill til produkter på høring, eller behov for nye eller endrede produkter. Du får en kvittering på e-post.</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${errorSummary(state.errors, labels)}
<form method="post" action="inputs" accept-charset="utf-8">
  ${selectField(state, {
    name: 'consultationId',
    label: labels.consultationId,
    fallback: GENERAL_INPUT,
    options: [
      { value: GENERAL_INPUT, label: 'Behov for nytt eller endret produkt' },
      ...open.map((consultation) => ({
        value: consultation.id,
        label: `Høring: ${consultation.productTitle} (frist ${formatOsloDate(consultation.closesOn)})`,
      })),
    ],
  })}
  ${personFields(state)}
  ${selectField(state, {
    name: 'stakeholderGroup',
    label: labels.stakeholderGroup,
    required: true,
    options: [{ value: '', label: 'Velg …' }, ...stakeholderGroups.codes.map((code) => ({ value: code, label: stakeholderGroups.labels[code] }))],
  })}
  ${textArea(state, { name: 'text', label: labels.text, required: true, minLength: 10 })}
  ${honeypot()}
  <button type="submit">Send innspill</button>
</form>
${privacyNotice({
  stored: 'Vi lagrer navnet ditt, e-postadressen, virksomheten, interessentgruppen og innspillet.',
  purpose: 'Sekretariatet bruker dem til å behandle innspillet og sende deg kvittering, og innspill til en høring inngår i høringens saksbehandling.',
  kept: 'Innspillet oppbevares som en del av saksdokumentasjonen for høringen eller produktet.',
})}`;
  return page('Send innspill', body);
}

export function receivedPage(consultation: Consultation | null): string {
  return page(
    'Innspill mottatt',
    html`<h1>Takk for innspillet!</h1>
<p class="notice">Innspillet er mottatt${consultation ? html` til høringen om «${consultation.productTitle}»` : ''}. Du får en kvittering på e-post.</p>
${onwardLinks([{ href: 'inputs', text: 'Send et nytt innspill' }])}`,
  );
}

export const inputProblem: ProblemWording = { title: 'Innspillet ble ikke sendt', back: { href: 'inputs', text: 'Tilbake til skjemaet' } };
