import { createMemoryCrm } from '../../src/crm/index.js';
import { crmConformance } from './conformance.js';

crmConformance('memory', (options) => createMemoryCrm(options));
