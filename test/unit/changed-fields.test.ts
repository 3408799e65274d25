import { describe, expect, it } from 'vitest';
import { consultationUpdateSchema, productSchema } from '../../content-model';
import { changedFieldLabel } from '../../cms/src/products/changedFieldLabels';
import { changedFields, sameRichText } from '../../functions/shared/audit/changes';

describe('what an edit really changed', () => {
  const before = {
    title: 'Veileder',
    owner: { name: 'Ingrid Berg', email: 'ingrid@normen.local' },
    themes: ['cloud', 'access-control'],
    publisher: undefined as string | undefined,
    body: '<p>Ett.</p>\n<p>To<br />tre.</p>',
  };
  const keys = Object.keys(before) as (keyof typeof before)[];

  it('finds nothing when the values are the same, however they are spelled', () => {
    const same = {
      publisher: undefined,
      body: '<p>Ett.</p><p>To<br>tre.</p>',
      themes: ['cloud', 'access-control'],
      owner: { email: 'ingrid@normen.local', name: 'Ingrid Berg' },
      title: 'Veileder',
    };
    expect(changedFields(before, same, keys, { richText: ['body'] })).toEqual([]);
  });

  it('names each field that differs: a nested value, the order of a list, the text', () => {
    const after = {
      ...before,
      owner: { ...before.owner, name: 'Sara Haugen' },
      themes: ['access-control', 'cloud'],
      body: '<p>Ett.</p><p>To tre.</p>',
    };
    expect(changedFields(before, after, keys, { richText: ['body'] })).toEqual(['owner', 'themes', 'body']);
    expect(changedFields(before, { ...before, publisher: 'NSM' }, keys)).toEqual(['publisher']);
  });

  it('reads rich text as a browser shows it: whitespace between blocks is nothing, inside text it is one space', () => {
    expect(sameRichText('<p>Ett.</p>\n\n<ul>\n  <li>A</li>\n  <li>B</li>\n</ul>', '<p>Ett.</p><ul><li>A</li><li>B</li></ul>')).toBe(true);
    expect(sameRichText('<p>to  ord</p>', '<p>to ord</p>')).toBe(true);
    expect(sameRichText('', '<p></p>')).toBe(true);
    expect(sameRichText('<p><strong>a</strong> <em>b</em></p>', '<p><strong>a</strong><em>b</em></p>')).toBe(false);
    expect(sameRichText('<p>Ett.</p>', '<p>Ett!</p>')).toBe(false);
    expect(sameRichText('<pre>a  b</pre>', '<pre>a b</pre>')).toBe(false);
  });
});

describe('the history names changed fields in Norwegian', () => {
  // Every field of a product, and the consultation's fields, which a consultation edit records on its product.
  const recordable = [...Object.keys(productSchema.shape), ...Object.keys(consultationUpdateSchema.shape).filter((key) => key !== 'expectedRevision')];

  it.each(recordable)('has a label for %s', (field) => {
    const label = changedFieldLabel(field);
    expect(label).not.toBe(field);
    expect(label).toMatch(/^[A-ZÆØÅ]/);
  });

  it('names the groups of the form as the form does', () => {
    expect(changedFieldLabel('owner')).toBe('Eier');
    expect(changedFieldLabel('legalReferences')).toBe('Rettslige referanser');
    expect(changedFieldLabel('summary')).toBe('Sammendrag');
    expect(changedFieldLabel('body')).toBe('Innhold');
  });
});
