import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEMO_DESK_DIR,
  openDesk,
  prepareDeskModel,
  profileOf,
  type DeskDefinition,
  type DeskModel,
} from '../../src/desk/index.js';
import type { DeskProfile } from '../../src/domain/desk-profile.js';

/** The model cache every test process shares: the demo desk trains once per content, not per file. */
export const TEST_MODEL_CACHE = join(tmpdir(), 'swarmdesk-test-models');

let desk: DeskDefinition | undefined;
let model: DeskModel | undefined;

/** The shipped demo desk, read once per test file. */
export function demoDesk(): DeskDefinition {
  desk ??= openDesk(DEMO_DESK_DIR).desk;
  return desk;
}

export function demoProfile(): DeskProfile {
  return profileOf(demoDesk());
}

/** The demo desk's intent model with its training and validation split. */
export function demoModel(): DeskModel {
  model ??= prepareDeskModel(demoDesk(), TEST_MODEL_CACHE);
  return model;
}
