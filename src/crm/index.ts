export { type Crm } from './crm.js';
export { readCustomersFile } from './customers-file.js';
export { DEMO_CUSTOMERS_AS_OF, DEMO_CUSTOMERS_FILE, loadDemoCustomers } from './demo-customers.js';
export { createMemoryCrm } from './memory-crm.js';
export { CRM_DEFAULTS, CrmOptions } from './options.js';
export { createRedisCrm, type RedisCrmOptions } from './redis-crm.js';
