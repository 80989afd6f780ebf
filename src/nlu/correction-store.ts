import { z } from 'zod';
import { ExampleLanguage } from './dataset.js';

/** A customer's (or agent's) statement of what a message meant: feedback the learner may accept. */
export const Correction = z.object({
  text: z.string().trim().min(1),
  intent: z.string().trim().min(1),
  language: ExampleLanguage.optional(),
});
export type Correction = z.infer<typeof Correction>;

/** Accepted corrections, append-only, so a restarted learner replays exactly what was accepted. */
export interface CorrectionStore {
  append(correction: Correction): Promise<void>;
  list(): Promise<Correction[]>;
  /** How many are stored: cheap enough to ask often, so a learner can tell that others have added some. */
  count(): Promise<number>;
}
