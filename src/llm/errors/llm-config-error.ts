import { SwarmError } from '../../runtime/index.js';

export class LlmConfigError extends SwarmError {
  constructor(option: string, problem: string) {
    super('LLM_CONFIG_INVALID', `invalid LLM option ${option}: ${problem}`, { details: { option } });
  }
}
