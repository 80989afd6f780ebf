/** Shared-state key under which the desk replicates a learned intent model (its `toJSON()`). */
export const MODEL_SHARED_KEY = 'nlu.model';

/** Shared-state key of the live instance ids per pool type, for moving a problem to another instance. */
export const INSTANCES_SHARED_KEY = 'swarm.instances';

/** Shared-state key of the desk's profile (`DeskProfile`): its languages, departments and intents. */
export const DESK_SHARED_KEY = 'desk.profile';
