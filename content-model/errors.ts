import { z } from 'zod';

/** Every error response: { error: { code, message, fields } }. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.enum(['invalid-input', 'unauthorized', 'forbidden', 'not-found', 'conflict', 'rate-limited', 'internal']),
    message: z.string(),
    fields: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
  }),
});
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
