import { SwarmError } from '../runtime/index.js';

/** One thing wrong (or worth a look) in a desk, pointing at the file, line and field. */
export interface DeskProblem {
  severity: 'error' | 'warning';
  file: string;
  /** 1-based; absent when the problem is the file as a whole. */
  line?: number;
  /** Dotted path of the field inside the file (`intents.where_is_my_order.department`). */
  field?: string;
  message: string;
}

export function formatProblem(problem: DeskProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const field = problem.field ? ` ${problem.field}:` : '';
  return `${where}: ${problem.severity}:${field} ${problem.message}`;
}

/** The desk has errors; `details.problems` lists every one (the same lines `swarmdesk check` prints). */
export class DeskInvalidError extends SwarmError {
  readonly problems: readonly DeskProblem[];

  constructor(problems: readonly DeskProblem[]) {
    const errors = problems.filter((problem) => problem.severity === 'error');
    super(
      'DESK_INVALID',
      `the desk has ${errors.length} error(s):\n${errors.map((problem) => `  ${formatProblem(problem)}`).join('\n')}`,
      { details: { problems: errors.map(formatProblem) } },
    );
    this.problems = problems;
  }
}
