import { html, type SafeHtml } from '../html';

/** The name in every page's header and footer, and where Normen itself lives. */
export const normenName = 'Normen – Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren';
export const normenShortName = 'Normen';
export const normenSite = 'https://normen.no';
/** The secretariat's address: questions about personal data and feedback on accessibility go here. */
export const secretariatEmail = 'sekretariatet@normen.no';
/** The accessibility statement every page's footer links to (WCAG and the Norwegian regulations ask for one). */
export const accessibilityStatementPath = '/tilgjengelighet';

/**
 * Normen's plain style for every public page. Focus is always visible (WCAG 2.4.7): a 3 px ring
 * in #b35900, 4.8:1 against the white it sits on (1.4.11 asks 3:1). Colours keep 4.5:1 on white,
 * and the honeypot sits off screen rather than hidden, so bots still fill it in.
 */
const style = html`<style>
  body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; background: #fff; }
  h1 { font-size: 1.6rem; color: #003b5c; }
  label, legend { display: block; font-weight: 600; margin-top: 1rem; }
  input, select, textarea { width: 100%; padding: .5rem; font: inherit; box-sizing: border-box; border: 1px solid #5a5a5a; }
  textarea { min-height: 10rem; }
  textarea.short { min-height: 4rem; }
  fieldset { margin-top: 1rem; border: 1px solid #767676; }
  .check { font-weight: 400; display: flex; gap: .5rem; align-items: center; margin-top: .4rem; }
  .check input { width: auto; }
  button { margin-top: 1.5rem; padding: .6rem 1.4rem; font: inherit; background: #003b5c; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  a { color: #00538a; }
  :focus-visible { outline: 3px solid #b35900; outline-offset: 2px; }
  .site-header { border-bottom: 4px solid #003b5c; padding-bottom: .5rem; margin-bottom: 1.5rem; }
  .site-header a { font-size: 1.25rem; font-weight: 700; color: #003b5c; text-decoration: none; }
  .site-header a:hover { text-decoration: underline; }
  .site-footer { border-top: 1px solid #767676; margin-top: 3rem; padding-top: 1rem; font-size: .95rem; }
  .privacy { margin-top: 2rem; font-size: .95rem; }
  .privacy h2 { font-size: 1.1rem; margin-bottom: .25rem; }
  .site-footer ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
  .error { color: #b00020; font-weight: 400; margin: .2rem 0 0; }
  [aria-invalid="true"] { border: 2px solid #b00020; }
  .errors { border: 2px solid #b00020; padding: .5rem 1rem; }
  .errors a { color: #b00020; }
  .hp { position: absolute; left: -10000px; }
  .notice { background: #eef6fb; padding: 1rem; border-left: 4px solid #003b5c; }
  .meta { color: #444; }
  .full { color: #b00020; }
  .onward ul { list-style: none; padding: 0; margin: 1.5rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; }
  .description { margin: 1rem 0 1.5rem; }
</style>`;

/** A way on from a page: a link and what it leads to. */
export interface OnwardLink {
  href: string;
  text: string;
}

/**
 * Where to go from a result or problem page, so none is a dead end: the page's own next steps,
 * then normen.no.
 */
export function onwardLinks(links: readonly OnwardLink[]): SafeHtml {
  const all = [...links, { href: normenSite, text: 'Gå til normen.no' }];
  return html`<nav class="onward" aria-label="Videre"><ul>${all.map((link) => html`<li><a href="${link.href}">${link.text}</a></li>`)}</ul></nav>`;
}

/** A complete Norwegian page (`lang="nb"`) that works without JavaScript. */
export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Normen</title>
${style}
</head>
<body>
<header class="site-header"><a href="${normenSite}">${normenShortName}</a></header>
<main>
${body}
</main>
<footer class="site-footer">
<p>${normenName}</p>
<ul>
  <li><a href="${normenSite}">normen.no</a></li>
  <li><a href="${accessibilityStatementPath}">Tilgjengelighetserklæring</a></li>
</ul>
</footer>
</body>
</html>`.value;
}
