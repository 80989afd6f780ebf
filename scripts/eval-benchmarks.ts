/**
 * `npm run eval`: the intent model on public benchmarks and on the shipped support data, with the
 * papers' figures beside ours. Reads `../shared/datasets` (never copied into the repo); trains on
 * train splits only (CLINC150's plus the project's generic out-of-scope questions), tunes on
 * validation splits, reports on test splits. Writes docs/intent-model.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  GENERIC_OUT_OF_SCOPE,
  OOS_LABEL,
  detectIntents,
  evaluateClassifier,
  parseExamplesCsv,
  splitValidation,
  supportModelOptions,
  trainIntentModel,
  intentModelFromJSON,
  thresholdForRecall,
  thresholdForTargets,
  type IntentModel,
  type LabelledExample,
  MultiIntentExample,
} from '../src/nlu/index.js';
import { DEMO_DESK_DIR, deskTrainingData, openDesk } from '../src/desk/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const datasets = `${root}../shared/datasets`;
const SEED = 1;
const ACCEPTANCE_OOS_RECALL = 0.6;
const ACCEPTANCE_IN_SCOPE = 0.92;

interface Row {
  figure: string;
  ours: string;
  reference: string;
}

const rows: Row[] = [];
const notes: string[] = [];
const pct = (x: number): string => (x * 100).toFixed(1);

function timed<T>(run: () => T): { value: T; seconds: number } {
  const started = performance.now();
  const value = run();
  return { value, seconds: (performance.now() - started) / 1000 };
}

/**
 * Wall-clock p50/p99 per message, and mean CPU time per message: on a shared machine the wall-clock
 * tail is mostly time spent descheduled, which CPU time leaves out.
 */
function latency(model: IntentModel, texts: readonly string[]): string {
  for (const text of texts.slice(0, 200)) model.classify(text);
  const samples: number[] = [];
  const cpu = process.cpuUsage();
  for (let round = 0; round < 3; round++) {
    for (const text of texts) {
      const started = process.hrtime.bigint();
      model.classify(text);
      samples.push(Number(process.hrtime.bigint() - started) / 1000);
    }
  }
  const used = process.cpuUsage(cpu);
  samples.sort((a, b) => a - b);
  const at = (q: number): number =>
    samples[Math.min(samples.length - 1, Math.floor(samples.length * q))] ?? 0;
  const cpuMean = (used.user + used.system) / samples.length;
  return `${at(0.5).toFixed(0)} / ${at(0.99).toFixed(0)} µs (CPU ${cpuMean.toFixed(0)} µs mean)`;
}

function topOneAccuracy(model: IntentModel, examples: readonly LabelledExample[]): number {
  const right = examples.filter(
    (example) => model.classify(example.text).ranked[0]?.intent === example.label,
  );
  return right.length / examples.length;
}

function banking77(): void {
  const dir = `${datasets}/banking77`;
  if (!existsSync(`${dir}/train.csv`)) {
    notes.push('Banking77 not found: skipped.');
    return;
  }
  const read = (file: string): LabelledExample[] =>
    parseExamplesCsv(file, readFileSync(`${dir}/${file}`, 'utf8'));
  const train = read('train.csv');
  const test = read('test.csv');
  // No validation split is published: 10% of train (seeded, per intent) calibrates. Banking77 has
  // no out-of-scope rows, so top-1 accuracy, which calibration cannot change, is what is reported.
  const { validation } = splitValidation(train, 0.1, SEED);
  const { value: trained, seconds } = timed(() => trainIntentModel(train, { validation }));
  const accuracy = topOneAccuracy(trained.model, test);
  const timing = latency(
    trained.model,
    test.map((example) => example.text),
  );
  rows.push(
    {
      figure: 'Banking77 accuracy (test, 3,080)',
      ours: pct(accuracy),
      reference: 'BERT 93.7, USE+ConveRT 93.4, SetFit ~94; acceptance ≥ 92.0',
    },
    {
      figure: 'Banking77 training time (10,003 rows)',
      ours: `${seconds.toFixed(1)} s`,
      reference: 'acceptance < 30 s',
    },
    {
      figure: 'Banking77 latency p50 / p99 per message',
      ours: timing,
      reference: 'acceptance ≤ 100 / ≤ 500 µs',
    },
  );
}

function clinc150(): void {
  const file = `${datasets}/clinc150/data_full.json`;
  if (!existsSync(file)) {
    notes.push('CLINC150 not found: skipped.');
    return;
  }
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Array<[string, string]>>;
  const split = (key: string, oos: boolean): LabelledExample[] =>
    (data[key] ?? []).map(([text, label]) => ({ text, label: oos ? OOS_LABEL : label }));
  // CLINC150's 100 out-of-scope training rows, widened by the project's own generic questions
  // (src/nlu/generic-out-of-scope.ts, none taken from any CLINC150 split).
  const train = [
    ...split('train', false),
    ...split('oos_train', true),
    ...GENERIC_OUT_OF_SCOPE.map((text) => ({ text, label: OOS_LABEL })),
  ];
  const validation = [...split('val', false), ...split('oos_val', true)];
  const test = [...split('test', false), ...split('oos_test', true)];
  const { value: trained, seconds } = timed(() => trainIntentModel(train, { validation }));
  const result = evaluateClassifier(trained.model, test);
  // Operating points for the acceptance, tuned on val only. First, recall secured: the most in-scope
  // accuracy while the 95% lower bound of out-of-scope recall on val stays at 60% (val holds only 100
  // out-of-scope rows). Second, both targets secured on val, with the most room to the nearer one.
  const unthresholded = intentModelFromJSON({ ...trained.model.toJSON(), threshold: 0 });
  const candidates = validation.map((example) => unthresholded.thresholdCandidate(example));
  const at = (threshold: number) =>
    evaluateClassifier(intentModelFromJSON({ ...trained.model.toJSON(), threshold }), test);
  const recallThreshold = thresholdForRecall(candidates, ACCEPTANCE_OOS_RECALL);
  const recallSecured = at(recallThreshold);
  const targetsThreshold = thresholdForTargets(candidates, {
    minAccuracy: ACCEPTANCE_IN_SCOPE,
    minRecall: ACCEPTANCE_OOS_RECALL,
  });
  const targetsSecured = at(targetsThreshold);
  const timing = latency(
    trained.model,
    test.map((example) => example.text),
  );
  rows.push(
    {
      figure: 'CLINC150 in-scope top-1 accuracy (no oos rule)',
      ours: pct(
        topOneAccuracy(
          trained.model,
          test.filter((example) => example.label !== OOS_LABEL),
        ),
      ),
      reference: 'SVM 91.0, MLP-USE 93.5, BERT 96.9',
    },
    {
      figure: `CLINC150 in-scope accuracy / oos recall, threshold ${trained.model.threshold.toFixed(2)} tuned on val (balanced)`,
      ours: `${pct(result.inScopeAccuracy)} / ${pct(result.oosRecall ?? 0)}`,
      reference:
        'FastText 89.0/9.7, SVM 91.0/14.5, MLP-USE 93.5/47.4, BERT 96.9/40.3, BERT+threshold 96.2/52.3',
    },
    {
      figure: `CLINC150 same, threshold ${recallThreshold.toFixed(2)} tuned on val (most in-scope accuracy with oos recall ≥ 60% at 95% confidence)`,
      ours: `${pct(recallSecured.inScopeAccuracy)} / ${pct(recallSecured.oosRecall ?? 0)}`,
      reference: 'acceptance ≥ 92.0 with ≥ 60 at one operating point',
    },
    {
      figure: `CLINC150 same, threshold ${targetsThreshold.toFixed(2)} tuned on val (in-scope ≥ 92% and oos recall ≥ 60% at 95% confidence, most room to both)`,
      ours: `${pct(targetsSecured.inScopeAccuracy)} / ${pct(targetsSecured.oosRecall ?? 0)}`,
      reference: 'acceptance ≥ 92.0 with ≥ 60 at one operating point',
    },
    {
      figure: `CLINC150 training time (15,100 rows + ${GENERIC_OUT_OF_SCOPE.length} generic out-of-scope)`,
      ours: `${seconds.toFixed(1)} s`,
      reference: '',
    },
    {
      figure: 'CLINC150 latency p50 / p99 per message (150 intents)',
      ours: timing,
      reference: 'acceptance ≤ 100 / ≤ 500 µs',
    },
  );
}

function supportModel(): void {
  const data = deskTrainingData(openDesk(DEMO_DESK_DIR).desk);
  const { value: trained, seconds } = timed(() =>
    trainIntentModel(data.examples, supportModelOptions(data.catalog)),
  );
  const departmentOf = (intent: string) => model.departmentOf(intent);
  const { model, validation } = trained;
  const result = evaluateClassifier(model, validation);
  const inScope = validation.filter((example) => example.label !== OOS_LABEL);
  const withLanguage = validation.filter((example) => example.language !== undefined);
  const languageRight = withLanguage.filter(
    (example) => model.detectLanguage(example.text)?.language === example.language,
  );
  const undiacritic = withLanguage.filter(
    (example) => example.language === 'cs' && example.text.normalize('NFD') === example.text,
  );
  const undiacriticRight = undiacritic.filter(
    (example) => model.detectLanguage(example.text)?.language === 'cs',
  );
  const timing = latency(
    model,
    validation.map((example) => example.text),
  );
  rows.push(
    {
      figure: `Support model, held-out 15% (${validation.length}): accuracy incl. oos`,
      ours: pct(result.accuracy),
      reference: '',
    },
    {
      figure: 'Support model: in-scope top-1 / in-scope after oos rule / oos recall / oos precision',
      ours: `${pct(topOneAccuracy(model, inScope))} / ${pct(result.inScopeAccuracy)} / ${pct(result.oosRecall ?? 0)} / ${pct(result.oosPrecision ?? 0)}`,
      reference: '',
    },
    {
      figure: `Language detection, held-out (${withLanguage.length}; Czech without diacritics ${undiacritic.length})`,
      ours: `${pct(languageRight.length / withLanguage.length)} (${pct(undiacritic.length === 0 ? 1 : undiacriticRight.length / undiacritic.length)})`,
      reference: '',
    },
    {
      figure: 'Support model training time / latency p50 / p99 per message',
      ours: `${seconds.toFixed(1)} s / ${timing}`,
      reference: '',
    },
  );
  const multiFile = `${DEMO_DESK_DIR}/evaluation/multi-intent.jsonl`;
  if (existsSync(multiFile)) {
    const multi = readFileSync(multiFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => MultiIntentExample.parse(JSON.parse(line)));
    let exact = 0;
    let covered = 0;
    for (const example of multi) {
      const want = new Set(example.labels.map((label) => departmentOf(label)));
      const got = new Set(
        detectIntents(model, departmentOf, example.text, example.language).map((part) => part.department),
      );
      if ([...want].every((d) => got.has(d as never))) covered++;
      if (want.size === got.size && [...want].every((d) => got.has(d as never))) exact++;
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
if (want('support')) supportModel();
if (want('banking77')) banking77();
if (want('clinc150')) clinc150();

const table = [
  '| Figure | Ours | Published / acceptance |',
  '| --- | --- | --- |',
  ...rows.map((row) => `| ${row.figure} | ${row.ours} | ${row.reference} |`),
].join('\n');
console.log(table);
for (const note of notes) console.log(note);
if (only.length === 0) {
  const doc = `${root}docs/intent-model.md`;
  const marker = '<!-- eval-benchmarks table -->';
  const current = existsSync(doc) ? readFileSync(doc, 'utf8') : `${marker}\n${marker}\n`;
  const [head, , tail] = current.split(marker);
  writeFileSync(
    doc,
    `${head ?? ''}${marker}\n${table}\n\n_Measured by \`npm run eval\` on ${new Date().toISOString().slice(0, 10)}, load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores._\n${marker}${tail ?? '\n'}`,
  );
}
