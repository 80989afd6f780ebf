// Under tsx (tests, `npm run eval`) the worker entry is TypeScript; Node 20 does not apply the
// parent's `--import tsx` to a worker entry, so register tsx here, then load the task file.
import { register } from 'tsx/esm/api';

register();
const { default: train } = await import('./train-worker.ts');

export default train;
