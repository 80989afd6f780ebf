export { type Crm } from './crm.js';
export { readCustomersFile } from './customers-file.js';
export { createMemoryCrm } from './memory-crm.js';
export { CrmOptions } from './options.js';
export { createRedisCrm } from './redis-crm.js';
