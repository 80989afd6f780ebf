import type { BlackboardChange } from '../domain/conversation.js';

export type ChangeListener = (change: BlackboardChange) => void;

/** In-process fan-out of changes to listeners of one conversation and of all (`'*'`). */
export class ChangeListeners {
  readonly #byConversation = new Map<string, Set<ChangeListener>>();
  readonly #onError: (error: unknown) => void;

  constructor(onError: (error: unknown) => void) {
    this.#onError = onError;
  }

  add(conversationId: string, listener: ChangeListener): () => void {
    let set = this.#byConversation.get(conversationId);
    if (!set) {
      set = new Set();
      this.#byConversation.set(conversationId, set);
    }
    // A wrapper per subscription, so the same function subscribed twice is removed once per call.
    const entry: ChangeListener = (change) => listener(change);
    set.add(entry);
    return () => {
      set.delete(entry);
      if (set.size === 0 && this.#byConversation.get(conversationId) === set) {
        this.#byConversation.delete(conversationId);
      }
    };
  }

  /** Conversation listeners first, then `'*'`: the order Redis delivers them in too. */
  emit(change: BlackboardChange): void {
    this.#deliver(this.#byConversation.get(change.conversationId), change);
    this.#deliver(this.#byConversation.get('*'), change);
  }

  clear(): void {
    this.#byConversation.clear();
  }

  #deliver(listeners: Set<ChangeListener> | undefined, change: BlackboardChange): void {
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(change);
      } catch (error) {
        this.#onError(error);
      }
    }
  }
}
