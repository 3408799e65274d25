/** Escapes text for HTML bodies and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char);
}

/** Tagged template that escapes every interpolated value unless it is already `SafeHtml`. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    const rendered = Array.isArray(value)
      ? value.map((item) => (item instanceof SafeHtml ? item.value : escapeHtml(String(item)))).join('')
      : value instanceof SafeHtml
        ? value.value
        : value === undefined || value === null || value === false
          ? ''
          : escapeHtml(String(value));
    out += rendered + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

/** A complete Norwegian page in Normen's plain style; works without JavaScript. */
export function page(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="nb">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} – Normen</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 42rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1a1a1a; }
  h1 { font-size: 1.6rem; color: #003b5c; }
  label { display: block; font-weight: 600; margin-top: 1rem; }
  input, select, textarea { width: 100%; padding: .5rem; font: inherit; box-sizing: border-box; }
  textarea { min-height: 10rem; }
  button { margin-top: 1.5rem; padding: .6rem 1.4rem; font: inherit; background: #003b5c; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
  .error { color: #b00020; font-weight: 400; }
  .errors { border: 2px solid #b00020; padding: .5rem 1rem; }
  .hp { position: absolute; left: -10000px; }
  .notice { background: #eef6fb; padding: 1rem; border-left: 4px solid #003b5c; }
</style>
</head>
<body>
${body}
</body>
</html>`.value;
}
