import { specialistDepartments, type DeskProfile } from '../../domain/desk-profile.js';
import { NotFoundError } from '../errors.js';
import type { Model } from './wire.js';

/** The model name that means "this desk"; `swarmdesk/<department>` is one of its departments. */
const DESK_MODEL = 'swarmdesk';

export interface DeskModels {
  /** The desk, then one model per specialist department: what `GET /v1/models` lists. */
  readonly list: Model[];
  /**
   * A model by name, with the department it pins (none for the desk model). An unknown name is
   * `MODEL_NOT_FOUND`.
   */
  resolve(name: string): { model: Model; department: string | undefined };
}

export function deskModels(profile: DeskProfile, created: number): DeskModels {
  const entries = [
    { department: undefined, id: DESK_MODEL },
    ...specialistDepartments(profile).map((department) => ({
      department,
      id: `${DESK_MODEL}/${department}`,
    })),
  ].map(({ department, id }) => ({
    department,
    model: { id, object: 'model' as const, created, owned_by: 'swarmdesk' },
  }));
  const list = entries.map((entry) => entry.model);
  return {
    list,
    resolve(name) {
      const found = entries.find((entry) => entry.model.id === name);
      if (found) return found;
      const known = list.map((model) => model.id).join(', ');
      throw new NotFoundError('MODEL_NOT_FOUND', `no model ${name}; this desk's models are ${known}`);
    },
  };
}
