import { z } from 'zod';

/** The human handoff: the one department every desk has, served by the escalation agent. */
export const ESCALATION = 'escalation';

/**
 * A department's name. Departments are the desk's own (its `desk.yaml`), so the name is checked
 * against the loaded desk where it matters, not against a list fixed in the code.
 */
export const DEPARTMENT_NAME = /^[a-z][a-z0-9_]{0,39}$/;
export const Department = z
  .string()
  .regex(DEPARTMENT_NAME, 'a department name is lower-case letters, digits and "_", from a letter');
export type Department = z.infer<typeof Department>;

/** A department staffed by specialists: any of the desk's departments but the human handoff. */
export const SpecialistDepartment = Department.refine((name) => name !== ESCALATION, {
  message: `"${ESCALATION}" is the human handoff, not a specialist department`,
});
export type SpecialistDepartment = z.infer<typeof SpecialistDepartment>;

export const Priority = z.enum(['low', 'medium', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

/** Languages the engine can answer in; a desk answers natively in the ones it lists. */
export const Language = z.enum(['cs', 'en']);
export type Language = z.infer<typeof Language>;

export const SubscriptionType = z.enum(['Basic', 'Premium', 'Business']);
export type SubscriptionType = z.infer<typeof SubscriptionType>;

export const DoubleTextPolicy = z.enum(['enqueue', 'merge', 'reject']);
export type DoubleTextPolicy = z.infer<typeof DoubleTextPolicy>;
