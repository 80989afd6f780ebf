import { SwarmError } from '../runtime/index.js';

/** A training or evaluation data file that cannot be used: the message names the file and line. */
export class DatasetInvalidError extends SwarmError {
  constructor(file: string, line: number | undefined, reason: string) {
    super('DATASET_INVALID', line === undefined ? `${file}: ${reason}` : `${file}:${line}: ${reason}`, {
      details: { file, ...(line === undefined ? {} : { line }) },
    });
  }
}

/** A model file or label mapping that does not parse as a swarmdesk intent model. */
export class ModelInvalidError extends SwarmError {
  constructor(reason: string, options?: { cause?: unknown; file?: string }) {
    super('INTENT_MODEL_INVALID', options?.file ? `${options.file}: ${reason}` : `intent model: ${reason}`, {
      ...(options?.cause === undefined ? {} : { cause: options.cause }),
      ...(options?.file ? { details: { file: options.file } } : {}),
    });
  }
}
