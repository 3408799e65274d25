import { HttpError, type DataProvider, type Identifier } from 'react-admin';
import { z } from 'zod';

function unsupported(operation: string): never {
  throw new HttpError(`Operasjonen «${operation}» støttes ikke`, 405);
}

/** The methods react-admin's pages call, each with the resource name first. */
type CrudMethods = Pick<DataProvider, 'getList' | 'getOne' | 'getMany' | 'getManyReference' | 'create' | 'update' | 'updateMany' | 'delete' | 'deleteMany'>;

/**
 * One resource's react-admin data provider from the methods it supports; the others refuse with 405
 * (e.g. products are retired, never deleted).
 */
export function resourceDataProvider(resource: string, methods: Partial<CrudMethods>): CrudMethods {
  const refuse = (method: keyof CrudMethods) => async () => unsupported(`${method} ${resource}`);
  return {
    getList: methods.getList ?? refuse('getList'),
    getOne: methods.getOne ?? refuse('getOne'),
    getMany: methods.getMany ?? refuse('getMany'),
    getManyReference: methods.getManyReference ?? refuse('getManyReference'),
    create: methods.create ?? refuse('create'),
    update: methods.update ?? refuse('update'),
    updateMany: methods.updateMany ?? refuse('updateMany'),
    delete: methods.delete ?? refuse('delete'),
    deleteMany: methods.deleteMany ?? refuse('deleteMany'),
  };
}

/** getOne and getMany for a resource whose records the API gives one at a time by id. */
export function fetchedById(fetchRecord: (id: Identifier) => Promise<unknown>): Pick<CrudMethods, 'getOne' | 'getMany'> {
  return {
    getOne: async (_resource, params) => ({ data: records(await fetchRecord(params.id)) }),
    getMany: async (_resource, params) => ({ data: records(await Promise.all(params.ids.map((id) => fetchRecord(id)))) }),
  };
}

/**
 * react-admin types each CRUD method as generic in the record type; ours return records parsed with
 * their content-model schemas, so results are handed over untyped at this one boundary.
 */
export function records<T>(value: T): never {
  return value as never;
}

/** Maps a form's values to the API payload; the mapper's schema failures become the same kind of error the API's 400 would give. */
export function payloadFromForm<T>(toPayload: () => T): T {
  try {
    return toPayload();
  } catch (error) {
    if (!(error instanceof z.ZodError)) throw error;
    const errors: Record<string, unknown> = { root: { serverError: 'Skjemaet har feil – se feltene' } };
    for (const issue of error.issues) errors[issue.path.join('.')] = issue.message;
    throw new HttpError('Skjemaet har feil – se feltene', 400, { errors });
  }
}
