import { z } from 'zod';
import { Department, SubscriptionType } from './vocabulary.js';

export const IssueRecord = z.object({
  at: z.string(),
  summary: z.string(),
  intent: z.string().optional(),
  department: Department.optional(),
  queryId: z.string().optional(),
  /** False when the problem came back unresolved (a retry, "that didn't help"); absent when unknown. */
  resolved: z.boolean().optional(),
});
export type IssueRecord = z.infer<typeof IssueRecord>;

export const Customer = z.object({
  schemaVersion: z.literal(1).default(1),
  customerId: z.string().min(1),
  name: z.string(),
  email: z.string(),
  phone: z.string(),
  subscriptionType: SubscriptionType,
  lastContact: z.string().nullable(),
  issuesHistory: z.array(IssueRecord),
});
export type Customer = z.infer<typeof Customer>;
