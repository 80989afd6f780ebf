export { type Crm } from './crm.js';
export { CustomersFile, readCustomersFile, type ReadCustomersOptions } from './customers-file.js';
export { createMemoryCrm } from './memory-crm.js';
export { CRM_DEFAULTS, CrmOptions } from './options.js';
export { createRedisCrm, type RedisCrmOptions } from './redis-crm.js';
