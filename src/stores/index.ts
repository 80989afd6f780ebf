export { StoresOptions, createStores, type Stores } from './create-stores.js';
