import { z } from 'zod';

/** Longest id accepted anywhere: customer, conversation, query, ticket and agent ids alike. */
export const ID_MAX_LENGTH = 128;

/*
 * Letters, marks, digits, punctuation and symbols only. That leaves out spaces and line breaks, control
 * characters (NUL, ESC), format characters (zero-width spaces and joiners, bidirectional marks, the
 * BOM) and lone surrogates, which cannot be written back into a URL: an id that can be stored can be
 * read back through its path. `%` is left out too, so a path segment that does not decode (a lone
 * surrogate's bytes) is never taken for an id as it stands. Ids are never trimmed, so the body and the
 * path see the same string.
 */
const PRINTABLE = /^(?!.*%)[\p{L}\p{M}\p{N}\p{P}\p{S}]+$/u;

/** The one id grammar, checked the same in bodies, query strings, paths and WebSocket frames. */
export const Id = z
  .string()
  .min(1)
  .max(ID_MAX_LENGTH)
  .regex(
    PRINTABLE,
    'must be letters, digits, punctuation or symbols (not %): no spaces, control or format characters',
  );
export type Id = z.infer<typeof Id>;
