import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCustomersFile } from '../../src/crm/index.js';
import { SwarmError } from '../../src/runtime/index.js';
import { sampleCustomer } from './conformance.js';
import { thrownBy } from '../support/thrown.js';

const dir = mkdtempSync(join(tmpdir(), 'swarmdesk-customers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const customer = sampleCustomer('ACME-7', { name: 'Eva Malá', subscriptionType: 'Business' });

function refusal(path: string): SwarmError {
  return thrownBy(() => readCustomersFile(path), SwarmError);
}

describe('readCustomersFile', () => {
  it('reads an array of customer records', () => {
    expect(readCustomersFile(file('ok.json', JSON.stringify([customer])))).toEqual([customer]);
  });

  it('refuses a file that is not JSON, naming the file', () => {
    const path = file('broken.json', '[{"customerId": ');
    const error = refusal(path);
    expect(error.code).toBe('CUSTOMERS_FILE_INVALID');
    expect(error.message).toContain(path);
  });

  it('refuses the whole file when one record is invalid, naming the record and the field', () => {
    const path = file('bad.json', JSON.stringify([customer, { ...customer, subscriptionType: 'Gold' }]));
    const error = refusal(path);
    expect(error.code).toBe('CUSTOMERS_FILE_INVALID');
    expect(error.message).toContain('[1].subscriptionType');
  });
});
