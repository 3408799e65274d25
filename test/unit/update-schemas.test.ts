import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyEdits, editsOf } from '../../content-model';
import { routes } from '../../functions/routes';

/**
 * Every PUT body declared in functions/routes.ts, present and future: a body with only its
 * required keys (expectedRevision and the like) parses to exactly those keys. A default filled in
 * here would overwrite the stored field on every edit that leaves it out.
 */
const updateRoutes = routes.filter((route) => route.method === 'PUT');

/** A valid value for a required key, for the kinds of schema required keys have. */
function sample(schema: z.core.$ZodType): unknown {
  if (schema instanceof z.ZodNumber) return 1;
  if (schema instanceof z.ZodBoolean) return true;
  if (schema instanceof z.ZodEnum) return schema.options[0];
  if (schema instanceof z.ZodLiteral) return schema.value;
  throw new Error(`No sample for a required ${schema._zod.def.type}: add one here`);
}

describe('update route bodies', () => {
  it('are declared for the update routes we know of', () => {
    expect(updateRoutes.map((route) => route.operationId).sort()).toEqual(
      [
        'triageInput',
        'updateCampaign',
        'updateCase',
        'updateConsultation',
        'updateEvent',
        'updateGroup',
        'updateGroupMember',
        'updateMeeting',
        'updateProduct',
        'updateRegistration',
        'updateUser',
      ].sort(),
    );
  });

  for (const route of updateRoutes) {
    it(`${route.method} ${route.path}: a minimal body parses to only its required keys`, () => {
      const body = route.request.body;
      expect(body).toBeInstanceOf(z.ZodObject);
      if (!(body instanceof z.ZodObject)) return;
      const shape = body.shape as Record<string, z.core.$ZodType>;
      const required = Object.entries(shape).filter(([, schema]) => !z.safeParse(schema, undefined).success);
      const minimal = Object.fromEntries(required.map(([key, schema]) => [key, sample(schema)]));
      const parsed = body.safeParse(minimal);
      expect(parsed.error?.issues).toBeUndefined();
      expect(Object.keys(parsed.data ?? {}).sort()).toEqual(Object.keys(minimal).sort());
      // And each optional field on its own: left out, it stays out.
      for (const [key, schema] of Object.entries(shape)) {
        if (key in minimal) continue;
        expect(z.parse(schema, undefined), `${key} fills in a value when left out`).toBeUndefined();
      }
    });
  }
});

describe('editsOf and applyEdits', () => {
  const fields = z.object({
    title: z.string(),
    summary: z.string().default(''),
    tags: z.array(z.string()).default([]),
    publisher: z.string().optional(),
  });
  const edits = editsOf(fields, ['publisher']);

  it('leaves out what the request leaves out, and takes null only where clearing is meaningful', () => {
    expect(edits.parse({ title: 'Ny' })).toEqual({ title: 'Ny' });
    expect(edits.parse({ publisher: null })).toEqual({ publisher: null });
    expect(edits.safeParse({ summary: null }).success).toBe(false);
    expect(edits.safeParse({ tags: 'x' }).error?.issues[0]?.path).toEqual(['tags']);
  });

  it('merges only the keys carried', () => {
    const stored = { title: 'Gammel', summary: 'Beholdes', tags: ['a'], revision: 3 };
    expect(applyEdits(stored, edits.parse({ title: 'Ny' }))).toEqual({ ...stored, title: 'Ny' });
    expect(applyEdits(stored, { title: undefined, tags: [] })).toEqual({ ...stored, tags: [] });
  });
});
