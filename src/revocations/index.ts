export {
  REVOCATION_RETENTION_SECONDS,
  createMemoryTokenRevocations,
  type TokenRevocations,
} from './token-revocations.js';
export { createRedisTokenRevocations } from './redis-token-revocations.js';
