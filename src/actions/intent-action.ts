import type { SlotSpec } from '../domain/intent-action.js';

export interface SlotFill {
  /** Every slot found, in this message or remembered from an earlier turn. */
  values: Record<string, string>;
  /** Slots still unknown, in declaration order. */
  missing: string[];
}

/**
 * Fills an intent's slots: from this message first (the pattern's first group, or its whole match),
 * then from what the conversation remembered; a slot given again replaces the remembered one.
 */
export function fillSlots(
  slots: Record<string, SlotSpec>,
  message: string,
  remembered: Record<string, string>,
): SlotFill {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const [name, slot] of Object.entries(slots)) {
    const match = new RegExp(slot.pattern, 'u').exec(message);
    const value = match ? (match[1] ?? match[0]) : remembered[name];
    if (value === undefined) missing.push(name);
    else values[name] = value;
  }
  return { values, missing };
}

/** Picks the text for `language`, else for `fallback` (the desk's first language), else any. */
export function inLanguage(texts: Record<string, string>, language: string, fallback: string): string {
  return texts[language] ?? texts[fallback] ?? Object.values(texts)[0] ?? '';
}

/**
 * The answer template filled from the slots and the action's result (top-level fields of an object
 * result). A placeholder with nothing to fill stays visible rather than being invented.
 */
export function renderAnswer(template: string, slots: Record<string, string>, data: unknown): string {
  const fields = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return template.replace(/\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (whole, name: string) => {
    const value = name in slots ? slots[name] : fields[name];
    return value === undefined || value === null || typeof value === 'object' ? whole : String(value);
  });
}
