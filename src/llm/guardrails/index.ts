export { checkInput, type GuardVerdict, type InputCheckOptions } from './input-check.js';
export { checkOutput, type OutputCheckOptions } from './output-check.js';
export { safeAnswer } from './safe-answer.js';
export { createStreamGuard } from './stream-guard.js';
