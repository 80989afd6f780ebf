import { z } from 'zod';
import { Department } from '../domain/vocabulary.js';
import { seededRandom, shuffleInPlace } from './random.js';

/** The label of a message no intent covers, in data files and in predictions. */
export const OOS_LABEL = 'oos';

const CatalogIntent = z.object({
  intent: z.string().min(1),
  department: Department,
  description: z.string(),
  descriptionCs: z.string(),
});
type CatalogIntent = z.infer<typeof CatalogIntent>;

export const IntentCatalog = z.object({
  schemaVersion: z.literal(1),
  intents: z.array(CatalogIntent).min(1),
});
export type IntentCatalog = z.infer<typeof IntentCatalog>;

export const ExampleLanguage = z.enum(['cs', 'en']);
export type ExampleLanguage = z.infer<typeof ExampleLanguage>;

export const LabelledExample = z.object({
  text: z.string().trim().min(1),
  label: z.string().trim().min(1),
  language: ExampleLanguage.optional(),
});
export type LabelledExample = z.infer<typeof LabelledExample>;

export const MultiIntentExample = z.object({
  text: z.string().trim().min(1),
  labels: z.array(z.string()).min(1),
  language: ExampleLanguage,
});
export type MultiIntentExample = z.infer<typeof MultiIntentExample>;

/**
 * A deterministic hold-out of `fraction` of every label (at least one when a label has two or more),
 * so thresholds are tuned and the learning loop is guarded on messages the model never trained on.
 */
export function splitValidation(
  examples: readonly LabelledExample[],
  fraction: number,
  seed: number,
): { train: LabelledExample[]; validation: LabelledExample[] } {
  const byLabel = new Map<string, LabelledExample[]>();
  for (const example of examples) {
    const group = byLabel.get(example.label) ?? [];
    group.push(example);
    byLabel.set(example.label, group);
  }
  const random = seededRandom(seed);
  const train: LabelledExample[] = [];
  const validation: LabelledExample[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = shuffleInPlace([...(byLabel.get(label) ?? [])], random);
    const held = group.length < 2 ? 0 : Math.max(1, Math.round(group.length * fraction));
    validation.push(...group.slice(0, held));
    train.push(...group.slice(held));
  }
  return { train, validation };
}
