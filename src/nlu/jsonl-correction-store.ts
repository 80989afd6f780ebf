import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { Correction, type CorrectionStore } from './correction-store.js';
import { DatasetInvalidError } from './errors.js';

const DEFAULT_CORRECTIONS_FILE = join('.swarmdesk', 'corrections.jsonl');

/** One JSON line per accepted correction; `appendFile` keeps earlier lines untouched. */
export class JsonlCorrectionStore implements CorrectionStore {
  readonly file: string;

  constructor(options: { file?: string; dataDir?: string } = {}) {
    this.file =
      options.file ??
      (options.dataDir ? join(options.dataDir, 'corrections.jsonl') : DEFAULT_CORRECTIONS_FILE);
  }

  async append(correction: Correction): Promise<void> {
    await mkdir(dirname(this.file), { recursive: true });
    await appendFile(this.file, `${JSON.stringify(Correction.parse(correction))}\n`, 'utf8');
  }

  async count(): Promise<number> {
    return (await this.list()).length;
  }

  async list(): Promise<Correction[]> {
    let content: string;
    try {
      content = await readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const corrections: Correction[] = [];
    content.split('\n').forEach((line, i) => {
      if (line.trim() === '') return;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        throw new DatasetInvalidError(this.file, i + 1, 'not a JSON object');
      }
      const parsed = Correction.safeParse(json);
      if (!parsed.success) throw new DatasetInvalidError(this.file, i + 1, z.prettifyError(parsed.error));
      corrections.push(parsed.data);
    });
    return corrections;
  }
}
