import { indexes, type IndexName } from './table-definition';

/** What a key slot is filled with: an attribute of the item (or of the query). */
export type KeyValue = string | number;

interface Slot<N extends string> {
  name: N;
  format?: (value: KeyValue) => string;
}

/**
 * A key as text with named slots, written as a tagged template: key`PRODUCT#${'id'}` has one slot,
 * `id`. Slots are filled in order, so a key with its trailing slots left empty is the prefix that
 * a begins_with query needs (the versions of a product, one mode's waitlist).
 */
export interface KeyTemplate<N extends string> {
  /** The fixed text before each slot, and after the last one (one more than there are slots). */
  readonly texts: readonly string[];
  readonly slots: readonly Slot<N>[];
}

export function key(texts: TemplateStringsArray): KeyTemplate<never>;
export function key<N extends string>(texts: TemplateStringsArray, ...slots: (N | Slot<N>)[]): KeyTemplate<N>;
export function key<N extends string>(texts: TemplateStringsArray, ...slots: (N | Slot<N>)[]): KeyTemplate<N> {
  return { texts: [...texts], slots: slots.map((slot) => (typeof slot === 'string' ? { name: slot } : slot)) };
}

/** A slot whose value is written through `format`, e.g. upper-cased. */
export const formatted = <N extends string>(name: N, format: (value: KeyValue) => string): Slot<N> => ({ name, format });

/** A number slot padded with zeros, so that the text sorts like the number (VERSION#0012). */
export const padded = <N extends string>(name: N, width: number): Slot<N> => formatted(name, (value) => String(value).padStart(width, '0'));

const fill = <N extends string>(slot: Slot<N>, value: KeyValue) => (slot.format ? slot.format(value) : String(value));

function build<N extends string>(template: KeyTemplate<N>, values: Record<N, KeyValue>): string {
  return template.slots.reduce((text, slot, index) => text + fill(slot, values[slot.name]) + template.texts[index + 1], template.texts[0] ?? '');
}

/** The key up to its first slot without a value, e.g. `WAIT#in-person#` for a waitlist key with only the mode. */
function prefix<N extends string>(template: KeyTemplate<N>, values: Partial<Record<N, KeyValue>>): string {
  let text = template.texts[0] ?? '';
  for (const [index, slot] of template.slots.entries()) {
    const value = values[slot.name];
    if (value === undefined) return text;
    text += fill(slot, value) + template.texts[index + 1];
  }
  return text;
}

interface IndexDeclaration<P extends string, S extends string> {
  /** One of the table's indexes (table-definition.ts); the entity writes its generic gsiNpk/gsiNsk attributes. */
  index: IndexName;
  pk: KeyTemplate<P>;
  sk: KeyTemplate<S>;
}
type IndexValues<D> = D extends IndexDeclaration<infer P, infer S> ? Record<P | S, KeyValue> : never;
type IndexSortValues<D> = D extends IndexDeclaration<string, infer S> ? Partial<Record<S, KeyValue>> : never;
type IndexPartitionValues<D> = D extends IndexDeclaration<infer P, string> ? Record<P, KeyValue> : never;

/**
 * One kind of item in the single table: the value of its `entity` attribute, its key templates and
 * the indexes it is listed in, declared once (functions/shared/db/entities.ts) in the manner of
 * ElectroDB. Repositories build every key, key prefix and index attribute from it.
 */
export function entity<
  const Name extends string,
  P extends string,
  S extends string,
  I extends Record<string, IndexDeclaration<string, string>> = Record<never, never>,
>(name: Name, declaration: { pk: KeyTemplate<P>; sk: KeyTemplate<S>; indexes?: I }) {
  const indexOf = <K extends keyof I & string>(indexName: K) => {
    const found = declaration.indexes?.[indexName];
    if (!found) throw new Error(`${name} has no index ${indexName}`);
    return { declared: found, table: indexes[found.index] };
  };
  return {
    name,
    key: (values: Record<P | S, KeyValue>) => ({ pk: build(declaration.pk, values), sk: build(declaration.sk, values) }),
    partition: (values: Record<P, KeyValue>) => build(declaration.pk, values),
    sortKey: (values: Record<S, KeyValue>) => build(declaration.sk, values),
    sortPrefix: (values: Partial<Record<S, KeyValue>> = {}) => prefix(declaration.sk, values),
    /** The index attributes to store with the item, e.g. `{ gsi1pk: 'CATALOGUE', gsi1sk: 'PRODUCT#…' }`. */
    index<K extends keyof I & string>(indexName: K, values: IndexValues<I[K]>): Record<string, string> {
      const { declared, table } = indexOf(indexName);
      const all = values as Record<string, KeyValue>;
      return { [table.partitionKey]: build(declared.pk, all), [table.sortKey]: build(declared.sk, all) };
    },
    /** The same attributes set to undefined: the item leaves the (sparse) index when it is saved. */
    notIndexed<K extends keyof I & string>(indexName: K): Record<string, undefined> {
      const { table } = indexOf(indexName);
      return { [table.partitionKey]: undefined, [table.sortKey]: undefined };
    },
    /** What a query of the index needs: the table's index, the partition and a sort-key prefix. */
    indexQuery<K extends keyof I & string>(indexName: K, values: IndexPartitionValues<I[K]>) {
      const { declared, table } = indexOf(indexName);
      return {
        index: table,
        partition: build(declared.pk, values as Record<string, KeyValue>),
        sortPrefix: (sortValues?: IndexSortValues<I[K]>) => prefix(declared.sk, (sortValues ?? {}) as Partial<Record<string, KeyValue>>),
      };
    },
  };
}
