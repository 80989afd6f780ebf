import { ConfigError } from './errors.js';

const VARIABLE = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * `${NAME}` in a desk's strings (action headers, webhook secrets) replaced from the environment, so
 * secrets stay out of the desk's files. A missing variable is an error naming it and where it is
 * used, never its value.
 */
export function expandEnv(text: string, env: Record<string, string | undefined>, where: string): string {
  return text.replace(VARIABLE, (_, name: string) => {
    const value = env[name];
    if (value === undefined || value === '')
      throw new ConfigError([{ variable: name, problem: `is not set (used by ${where})` }]);
    return value;
  });
}
