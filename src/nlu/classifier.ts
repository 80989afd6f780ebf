/** What the router needs of an intent model; the shipped linear model and user models implement it. */
export interface IntentPrediction {
  /** The best in-scope intent, or `oos` when the model does not recognise the message. */
  intent: string;
  /** Calibrated probability of `intent` (for `oos`, of the best in-scope candidate). */
  confidence: number;
  outOfScope: boolean;
  /**
   * Calibrated probability of the best intent's department (the sum over its intents): how sure the
   * model is of where the message goes, which can be high when two intents of one department split it.
   * Absent from classifiers that know no departments.
   */
  departmentConfidence?: number;
  /** Best candidates, most likely first (at most 5). */
  ranked: Array<{ intent: string; confidence: number }>;
}

export interface IntentClassifier {
  readonly labels: readonly string[];
  classify(text: string): IntentPrediction;
}

export interface LanguageGuess {
  /** ISO 639-1 code of a supported language (`cs`, `en`), or `other`. */
  language: 'cs' | 'en' | 'other';
  confidence: number;
}
