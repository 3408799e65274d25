import type { z } from 'zod';

/** A form's values as react-admin hands them over. */
export type FormValues = Record<string, unknown>;

/** A value that should be a list: anything else (null, undefined) is an empty one. */
export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The fields among `fields` whose values differ between `before` and `next` (compared as JSON). */
export function changedFields(next: FormValues, before: FormValues, fields: readonly string[]): FormValues {
  const changed: FormValues = {};
  for (const field of fields) {
    if (JSON.stringify(next[field]) !== JSON.stringify(before[field])) changed[field] = next[field];
  }
  return changed;
}

/** Form-level validation against the API's schema: nested Norwegian messages, or none. */
export function schemaErrors(schema: z.ZodType, values: FormValues): FormValues {
  const result = schema.safeParse(values, { error: formMessage });
  return result.success ? {} : nestErrors(result.error.issues);
}

/** Plain Norwegian for the common cases; zod's own Norwegian locale covers the rest. */
export function formMessage(issue: z.core.$ZodRawIssue): string | undefined {
  const input = issue.input;
  if (input === undefined || input === null || input === '') return 'Påkrevd';
  if (issue.code === 'too_small' && issue.origin === 'string') return `Må være minst ${String(issue.minimum)} tegn`;
  if (issue.code === 'too_big' && issue.origin === 'string') return `Kan være høyst ${String(issue.maximum)} tegn`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `Høyst ${String(issue.maximum)} valg`;
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'Ugyldig e-postadresse';
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'Ugyldig lenke – må begynne med http:// eller https://';
  return undefined;
}

/** Nested { field: { sub: message } } as react-admin's form-level validate expects. */
export function nestErrors(issues: readonly z.core.$ZodIssue[]): FormValues {
  const errors: FormValues = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    const leaf = path.pop();
    if (leaf === undefined) continue;
    let node = errors;
    for (const segment of path) {
      node[segment] ??= {};
      node = node[segment] as FormValues;
    }
    node[leaf] ??= issue.message;
  }
  return errors;
}
