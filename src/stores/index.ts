export { EdgeStoresOptions, createEdgeStores, type EdgeStores } from './create-edge-stores.js';
export { StoresOptions, createStores, type Stores } from './create-stores.js';
