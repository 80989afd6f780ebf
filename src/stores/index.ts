export { createEdgeStores, type EdgeStores } from './create-edge-stores.js';
export { createStores, type Stores } from './create-stores.js';
