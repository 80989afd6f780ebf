import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config/index.js';
import { STATUS_BY_CODE } from '../../src/http/index.js';

const doc = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');

describe('docs/api.md', () => {
  it('lists every configuration variable with its default', () => {
    for (const variable of CONFIG_VARIABLES) {
      const shown = variable.default === undefined ? '(unset)' : `\`${variable.default}\``;
      expect(doc).toContain(`| \`${variable.name}\` | ${shown} | ${variable.description} |`);
    }
  });

  it('lists every error code with its status', () => {
    for (const [code, status] of Object.entries(STATUS_BY_CODE))
      expect(doc).toContain(`| \`${code}\` | ${status} |`);
  });
});
