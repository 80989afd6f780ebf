import { SwarmError } from '../runtime/index.js';

/** An article file that cannot be read as an article: the message names the file and the line. */
export class KnowledgeInvalidError extends SwarmError {
  constructor(file: string, line: number, reason: string, options?: { cause?: unknown }) {
    super('KNOWLEDGE_INVALID', `${file}:${line}: ${reason}`, {
      ...options,
      details: { file, line },
    });
  }
}
