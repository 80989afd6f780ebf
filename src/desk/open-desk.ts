import { checkDesk } from './check-desk.js';
import { DeskInvalidError, type DeskProblem } from './desk-problem.js';
import { loadDesk, type DeskDefinition } from './load-desk.js';

export interface InspectedDesk {
  desk: DeskDefinition | undefined;
  problems: DeskProblem[];
}

/** Every problem of a desk folder, parse and meaning alike (what `swarmdesk check` prints). */
export function inspectDesk(dir: string): InspectedDesk {
  const loaded = loadDesk(dir);
  const problems = [...loaded.problems];
  // Meaning is only checked on a desk that parsed: otherwise it reports the gaps the parse left.
  if (loaded.desk && !problems.some((problem) => problem.severity === 'error'))
    problems.push(...checkDesk(loaded.desk));
  return { desk: loaded.desk, problems };
}

export interface OpenedDesk {
  desk: DeskDefinition;
  warnings: DeskProblem[];
}

/** A desk to serve: refused with every error (`DeskInvalidError`), its warnings returned. */
export function openDesk(dir: string): OpenedDesk {
  const { desk, problems } = inspectDesk(dir);
  if (!desk || problems.some((problem) => problem.severity === 'error')) throw new DeskInvalidError(problems);
  return { desk, warnings: problems };
}
