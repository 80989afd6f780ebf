import { z } from 'zod';

const CRM_DEFAULTS = {
  /** Issues kept per customer (the most recent): the history feeds prompts, not an archive. */
  maxIssues: 200,
} as const;

export const CrmOptions = z.object({
  maxIssues: z.number().int().min(1).default(CRM_DEFAULTS.maxIssues),
});
export type CrmOptions = z.input<typeof CrmOptions>;
