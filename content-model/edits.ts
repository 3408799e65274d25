import { z } from 'zod';

/**
 * How every PUT in functions/routes.ts edits an entity: the request carries only the fields it
 * changes, and a field it does not carry never changes.
 *
 * zod's `.partial()` is not enough for that: over a field with `.default(…)` it still fills the
 * default in, so `{ expectedRevision, title }` would come out with `summary: ''` and `themes: []`.
 * `editsOf` removes the defaults instead, so an absent key stays absent, and makes every field
 * optional; fields named in `clearable` also take `null`, which means "clear it".
 */
type WithoutDefault<T> =
  T extends z.ZodDefault<infer Inner>
    ? WithoutDefault<Inner>
    : T extends z.ZodPrefault<infer Inner>
      ? WithoutDefault<Inner>
      : T extends z.ZodOptional<infer Inner>
        ? WithoutDefault<Inner>
        : T;

export type EditShape<Shape extends z.core.$ZodShape, Clearable extends keyof Shape> = {
  -readonly [Key in keyof Shape]: z.ZodOptional<Key extends Clearable ? z.ZodNullable<WithoutDefault<Shape[Key]>> : WithoutDefault<Shape[Key]>>;
};

function withoutDefault(schema: z.core.$ZodType): z.core.$ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault || schema instanceof z.ZodOptional) return withoutDefault(schema.unwrap());
  return schema;
}

export function editsOf<Shape extends z.core.$ZodShape, Clearable extends keyof Shape & string = never>(
  fields: z.ZodObject<Shape>,
  clearable: readonly Clearable[] = [],
): z.ZodObject<EditShape<Shape, Clearable>> {
  const shape = Object.fromEntries(
    Object.entries(fields.shape).map(([key, schema]) => {
      const bare = withoutDefault(schema);
      return [key, z.optional((clearable as readonly string[]).includes(key) ? z.nullable(bare) : bare)];
    }),
  );
  return z.object(shape) as unknown as z.ZodObject<EditShape<Shape, Clearable>>;
}

/** An entity after edits: a carried key takes the edit's type, every other key keeps its own. */
export type Edited<Current, Edits> = Omit<Current, keyof Edits> & {
  [Key in keyof Edits]-?: Exclude<Edits[Key], undefined> | (Key extends keyof Current ? Current[Key] : never);
};

/** The stored entity with the edits applied: only the keys the request carried (undefined is "not carried"). */
export function applyEdits<Current extends object, Edits extends object>(current: Current, edits: Edits): Edited<Current, Edits> {
  const carried = Object.entries(edits).filter(([, value]) => value !== undefined);
  return { ...current, ...Object.fromEntries(carried) } as Edited<Current, Edits>;
}
