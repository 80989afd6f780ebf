/**
 * `npm run eval`: the intent model on public benchmarks and on the demo desk, trained and measured by
 * the CLI's own functions (`runTrain`, `runEval` with `--json`), so these figures are the ones a desk
 * owner gets from `swarmdesk train` and `swarmdesk eval` on the same files. Reads `../shared/datasets`
 * (never copied into the repo): trains on train splits, calibrates on validation splits, reports on
 * test splits. Prints each command it runs, and writes the table into docs/intent-model.md.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTrainDesk } from '../src/cli/desk-commands.js';
import { runEval } from '../src/cli/eval.js';
import { runTrain } from '../src/cli/train.js';
import { DEMO_DESK_DIR } from '../src/desk/index.js';
import {
  MultiIntentExample,
  OOS_LABEL,
  detectIntents,
  loadIntentModel,
  readExamplesFile,
  type RoutingEvaluation,
  type Latency,
} from '../src/nlu/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const datasets = [`${root}../shared/datasets`, `${root}../../shared/datasets`].find((dir) => existsSync(dir));
const work = mkdtempSync(join(tmpdir(), 'swarmdesk-eval-'));
const DEMO_HELD_OUT = 'test/nlu/fixtures/demo-heldout.jsonl';
// The desk's model is trained into a cache of its own, so every run trains it (and times it).
const deskEnv = { ...process.env, SWARM_DATA_DIR: join(work, 'data') };

interface Row {
  figure: string;
  ours: string;
  reference: string;
}

interface TrainReport {
  trainedOn: number;
  heldOut: number;
  seconds: number;
  cpuSeconds: number;
  threshold: number;
  rule: string;
  reason: string;
  heldOutFigures: {
    inScope: number;
    outOfScope: number;
    topOneAccuracy: number;
    accuracy: number;
    oosRecall?: number;
  };
}

type EvalReport = RoutingEvaluation & { threshold: number; latency: Latency };

const rows: Row[] = [];
const commands: string[] = [];
const notes: string[] = [];
const pct = (x: number | undefined): string => (x === undefined ? '—' : (x * 100).toFixed(1));
const shown = (path: string): string =>
  path.startsWith(work) ? path.replace(work, '$TMP') : relative(root, path) || '.';

/** Runs a CLI command in-process with `--json` and returns its one JSON object. */
async function cli<T>(name: 'train' | 'eval', argv: string[]): Promise<T> {
  const desk = argv.includes('--desk');
  commands.push(`${desk ? 'SWARM_DATA_DIR=$TMP/data ' : ''}swarmdesk ${name} ${argv.map(shown).join(' ')}`);
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (s: string) => out.push(s), err: (s: string) => err.push(s) };
  const json = [...argv, '--json'];
  const code =
    name === 'eval'
      ? await runEval(json, io, deskEnv)
      : desk
        ? runTrainDesk(json, io, deskEnv)
        : await runTrain(json, io);
  if (code !== 0) throw new Error(`swarmdesk ${name} failed (${code}): ${err.join('\n')}`);
  return JSON.parse(out.join('\n')) as T;
}

const latencyText = (latency: Latency): string =>
  `${latency.p50Micros.toFixed(0)} / ${latency.p99Micros.toFixed(0)} µs (CPU ${latency.cpuMeanMicros.toFixed(0)} µs mean)`;
const trainingText = (train: TrainReport): string =>
  `${train.seconds.toFixed(1)} s (CPU ${train.cpuSeconds.toFixed(1)} s)`;

async function banking77(): Promise<void> {
  const dir = `${datasets}/banking77`;
  if (!existsSync(`${dir}/train.csv`)) {
    notes.push('Banking77 not found: skipped.');
    return;
  }
  const model = join(work, 'banking77.json');
  const train = await cli<TrainReport>('train', ['--data', `${dir}/train.csv`, '--out', model]);
  const result = await cli<EvalReport>('eval', ['--model', model, '--data', `${dir}/test.csv`]);
  rows.push(
    {
      figure: 'Banking77 top-1 accuracy (test, 3,080; no out-of-scope rows, so no threshold)',
      ours: pct(result.inScope.topOneAccuracy),
      reference: 'BERT 93.7, USE+ConveRT 93.4, SetFit ~94; acceptance ≥ 92.0',
    },
    {
      figure: 'Banking77 macro-F1',
      ours: pct(result.macroF1),
      reference: '',
    },
    {
      figure: 'Banking77 training time (10,003 rows, two fits)',
      ours: trainingText(train),
      reference: 'acceptance < 30 s',
    },
    {
      figure: 'Banking77 latency p50 / p99 per message',
      ours: latencyText(result.latency),
      reference: 'acceptance ≤ 100 / ≤ 500 µs',
    },
  );
}

async function clinc150(): Promise<void> {
  const file = `${datasets}/clinc150/data_full.json`;
  if (!existsSync(file)) {
    notes.push('CLINC150 not found: skipped.');
    return;
  }
  // CLINC150 ships as one JSON file of splits; the CLI reads JSONL, so each split is written out once.
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Array<[string, string]>>;
  const write = (name: string, splits: Array<[string, boolean]>): string => {
    const path = join(work, name);
    const lines = splits.flatMap(([key, oos]) =>
      (data[key] ?? []).map(([text, label]) => JSON.stringify({ text, label: oos ? OOS_LABEL : label })),
    );
    writeFileSync(path, `${lines.join('\n')}\n`);
    return path;
  };
  const trainFile = write('clinc-train.jsonl', [
    ['train', false],
    ['oos_train', true],
  ]);
  const valFile = write('clinc-val.jsonl', [
    ['val', false],
    ['oos_val', true],
  ]);
  const testFile = write('clinc-test.jsonl', [
    ['test', false],
    ['oos_test', true],
  ]);
  const model = join(work, 'clinc150.json');
  const train = await cli<TrainReport>('train', [
    '--data',
    trainFile,
    '--val',
    valFile,
    '--generic-oos',
    '--out',
    model,
  ]);
  const result = await cli<EvalReport>('eval', ['--model', model, '--data', testFile]);
  rows.push(
    {
      figure: 'CLINC150 in-scope top-1 accuracy (test, 4,500; no threshold)',
      ours: pct(result.inScope.topOneAccuracy),
      reference: 'SVM 91.0, MLP-USE 93.5, BERT 96.9',
    },
    {
      figure: `CLINC150 in-scope accuracy after the threshold / out-of-scope recall (1,000), at the operating point train chose from --val (threshold ${train.threshold.toFixed(3)}, rule ${train.rule})`,
      ours: `${pct(result.inScope.accuracyAfterThreshold)} / ${pct(result.oosRecall)}`,
      reference:
        'FastText 89.0/9.7, SVM 91.0/14.5, MLP-USE 93.5/47.4, BERT 96.9/40.3, BERT+threshold 96.2/52.3; acceptance ≥ 92.0 with ≥ 60',
    },
    { figure: 'CLINC150 out-of-scope precision', ours: pct(result.oosPrecision), reference: '' },
    {
      figure: `CLINC150 training time (15,100 rows + 3,100 val + generic out-of-scope, two fits)`,
      ours: trainingText(train),
      reference: 'acceptance < 30 s',
    },
    {
      figure: 'CLINC150 latency p50 / p99 per message (150 intents)',
      ours: latencyText(result.latency),
      reference: 'acceptance ≤ 100 / ≤ 500 µs',
    },
  );
}

async function demoDesk(): Promise<void> {
  const model = join(work, 'demo.json');
  const train = await cli<TrainReport>('train', ['--desk', DEMO_DESK_DIR, '--out', model]);
  const result = await cli<EvalReport>('eval', [
    '--desk',
    DEMO_DESK_DIR,
    '--data',
    join(root, DEMO_HELD_OUT),
  ]);
  const language = (name: string) => result.languages.find((row) => row.language === name);
  const languageRow = (name: string, label: string): Row => {
    const row = language(name);
    return {
      figure: `Demo desk held-out, ${label} (${row?.n ?? 0}): department accuracy / top-1 / after threshold`,
      ours: `${pct(row?.departmentAccuracy)} / ${pct(row?.topOneAccuracy)} / ${pct(row?.accuracyAfterThreshold)}`,
      reference: name === 'cs' || name === 'en' ? 'acceptance: department ≥ 95' : '',
    };
  };
  rows.push(
    languageRow('cs', 'Czech'),
    languageRow('cs with diacritics', 'Czech with diacritics'),
    languageRow('cs without diacritics', 'Czech without diacritics'),
    languageRow('en', 'English'),
    {
      figure: `Demo desk held-out (${result.inScope.n}): unsure, so asked which topic is meant (a first unsure message is never escalated) / of them with the right department in the top two`,
      ours: `${result.inScope.lowConfidence} / ${result.inScope.lowConfidenceWithDepartmentInTopTwo}`,
      reference:
        'acceptance: none of them escalated for low confidence (test/desk/demo-heldout-unsure.test.ts puts them through the desk)',
    },
    {
      figure: `Demo desk operating point (threshold ${train.threshold.toFixed(3)}, rule ${train.rule}) on the data's own held-out rows (${train.heldOutFigures.inScope} in scope, ${train.heldOutFigures.outOfScope} out of scope): top-1 / after threshold / out-of-scope recall`,
      ours: `${pct(train.heldOutFigures.topOneAccuracy)} / ${pct(train.heldOutFigures.accuracy)} / ${pct(train.heldOutFigures.oosRecall)}`,
      reference: '',
    },
    {
      figure: 'Demo desk training time / latency p50 / p99 per message',
      ours: `${trainingText(train)} / ${latencyText(result.latency)}`,
      reference: '',
    },
  );
  const { model: trained, departmentOf } = loadIntentModel(model);
  const heldOut = readExamplesFile(join(root, DEMO_HELD_OUT));
  const bare = heldOut.filter(
    (example) => example.language === 'cs' && !/[áčďéěíňóřšťúůýž]/i.test(example.text),
  );
  const languageRight = (examples: typeof heldOut): number =>
    examples.filter((example) => trained.detectLanguage(example.text)?.language === example.language).length /
    examples.length;
  rows.push({
    figure: `Language detection, demo held-out (${heldOut.length}; Czech without diacritics ${bare.length})`,
    ours: `${pct(languageRight(heldOut))} (${pct(languageRight(bare))})`,
    reference: '',
  });
  const multiFile = join(DEMO_DESK_DIR, 'evaluation/multi-intent.jsonl');
  if (existsSync(multiFile)) {
    const multi = readFileSync(multiFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => MultiIntentExample.parse(JSON.parse(line)));
    let exact = 0;
    let covered = 0;
    for (const example of multi) {
      const want = new Set(example.labels.map((label) => departmentOf(label)));
      const got = new Set<string | undefined>(
        detectIntents(trained, departmentOf, example.text, example.language).map((part) => part.department),
      );
      if ([...want].every((d) => got.has(d))) covered++;
      if (want.size === got.size && [...want].every((d) => got.has(d))) exact++;
    }
    rows.push({
      figure: `Multi-intent (${multi.length} messages): departments recovered exactly / all found`,
      ours: `${pct(exact / multi.length)} / ${pct(covered / multi.length)}`,
      reference: '',
    });
  }
}

const only = process.argv.slice(2);
const want = (name: string): boolean => only.length === 0 || only.includes(name);
try {
  if (want('demo')) await demoDesk();
  if (want('banking77')) await banking77();
  if (want('clinc150')) await clinc150();
} finally {
  rmSync(work, { recursive: true, force: true });
}

const table = [
  '| Figure | Ours | Published / acceptance |',
  '| --- | --- | --- |',
  ...rows.map((row) => `| ${row.figure} | ${row.ours} | ${row.reference} |`),
].join('\n');
const commandList = commands.map((command) => `    ${command} --json`).join('\n');
console.log(table);
console.log(`\ncommands ($TMP: a temporary directory):\n${commandList}`);
for (const note of notes) console.log(note);
if (only.length === 0) {
  const doc = `${root}docs/intent-model.md`;
  const marker = '<!-- eval-benchmarks table -->';
  const current = existsSync(doc) ? readFileSync(doc, 'utf8') : `${marker}\n${marker}\n`;
  const [head, , tail] = current.split(marker);
  writeFileSync(
    doc,
    `${head ?? ''}${marker}\n${table}\n\nCommands, as \`npm run eval\` ran them (\`$TMP\`: a temporary directory):\n\n${commandList}\n\n_Measured by \`npm run eval\` on ${new Date().toISOString().slice(0, 10)}, load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores._\n${marker}${tail ?? '\n'}`,
  );
}
