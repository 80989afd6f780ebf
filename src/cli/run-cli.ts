import { CONFIG_VARIABLES } from '../config/index.js';
import { ASK_USAGE, runAsk } from './ask.js';
import { CHECK_USAGE, INIT_USAGE, runCheck, runInit, runTrainDesk } from './desk-commands.js';
import { runEval } from './eval.js';
import { runConversationEval } from './eval-conversations.js';
import { SERVE_USAGE, runServe } from './serve.js';
import type { CommandIo } from './command-io.js';
import { runTrain } from './train.js';

const USAGE = `swarmdesk: customer support run by a supervised swarm of agents

commands:
  serve                 run the HTTP API on HOST:PORT (the default command)
  ask "<message>"       ask one question in-process and print the answer
  init <dir>            write a desk of your own to start from (docs/desk.md)
  check [<dir>]         validate a desk: every problem with its file and line
  train ...             train an intent model (swarmdesk train --help; --desk <dir> for a desk)
  eval ...              evaluate an intent model (swarmdesk eval --help), or a desk on
                        conversations (swarmdesk eval --conversations <suite.jsonl>)

  ${SERVE_USAGE}
  ${ASK_USAGE}
  ${INIT_USAGE}
  ${CHECK_USAGE}
`;

function configurationHelp(): string {
  const width = Math.max(...CONFIG_VARIABLES.map((v) => v.name.length));
  const rows = CONFIG_VARIABLES.map(
    (v) => `  ${v.name.padEnd(width)}  ${v.description}${v.default === undefined ? '' : ` [${v.default}]`}`,
  );
  return ['environment:', ...rows].join('\n');
}

/**
 * Dispatches a command line. Resolves with the exit code, or `undefined` for `serve`, whose server
 * keeps the process running until a signal.
 */
export async function runCli(
  argv: string[],
  io: CommandIo,
  env: Record<string, string | undefined> = process.env,
): Promise<number | undefined> {
  const [command = 'serve', ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { code, running } = await runServe(rest, io, env);
      return running ? undefined : code;
    }
    case 'ask':
      return runAsk(rest, io, env);
    case 'init':
      return runInit(rest, io);
    case 'check':
      return runCheck(rest, io, env);
    case 'train':
      return rest.some((arg) => arg === '--desk' || arg.startsWith('--desk='))
        ? runTrainDesk(rest, io, env)
        : runTrain(rest, io);
    case 'eval':
      // Conversations run a whole desk; the model evaluation stays in eval.ts.
      return rest.some((arg) => arg === '--conversations' || arg.startsWith('--conversations='))
        ? runConversationEval(rest, io, env)
        : runEval(rest, io, env);
    case 'help':
    case '--help':
    case '-h':
      io.out(`${USAGE}\n${configurationHelp()}`);
      return 0;
    default:
      io.err(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}
