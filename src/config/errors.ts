import { SwarmError } from '../runtime/index.js';

export interface ConfigIssue {
  variable: string;
  problem: string;
}

/** The environment is malformed: the message names every offending variable and what it must be. */
export class ConfigError extends SwarmError {
  readonly issues: ConfigIssue[];
  constructor(issues: ConfigIssue[]) {
    super('CONFIG_INVALID', issues.map((i) => `${i.variable} ${i.problem}`).join('; '), {
      details: { variables: issues.map((i) => i.variable) },
    });
    this.issues = issues;
  }
}
