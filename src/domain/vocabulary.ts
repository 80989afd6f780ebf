import { z } from 'zod';

export const Department = z.enum(['technical', 'billing', 'general', 'escalation']);
export type Department = z.infer<typeof Department>;

/** Departments staffed by specialists (escalation hands over to humans instead). */
export const SpecialistDepartment = z.enum(['technical', 'billing', 'general']);
export type SpecialistDepartment = z.infer<typeof SpecialistDepartment>;

export const Priority = z.enum(['low', 'medium', 'high', 'urgent']);
export type Priority = z.infer<typeof Priority>;

/** Languages answered natively; anything else is answered in English. */
export const Language = z.enum(['cs', 'en']);
export type Language = z.infer<typeof Language>;

export const SubscriptionType = z.enum(['Basic', 'Premium', 'Business']);
export type SubscriptionType = z.infer<typeof SubscriptionType>;

export const DoubleTextPolicy = z.enum(['enqueue', 'merge', 'reject']);
export type DoubleTextPolicy = z.infer<typeof DoubleTextPolicy>;
