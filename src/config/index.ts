export { CONFIG_VARIABLES, type ConfigVariable } from './variables.js';
export { ConfigError, type ConfigIssue } from './errors.js';
export { loadConfig, type AppConfig, type LogLevel } from './load-config.js';
export { expandEnv } from './expand-env.js';
