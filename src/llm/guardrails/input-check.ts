export interface GuardVerdict {
  ok: boolean;
  /** Stable reason codes, for logs, metrics and the escalation ticket. */
  reasons: string[];
}

export interface InputCheckOptions {
  /** The requesting customer's id: mentioning it is fine, mentioning another one is not. */
  customerId?: string;
}

/**
 * Heuristic prompt-injection patterns in English and Czech, matched on lower-cased text with the
 * diacritics removed, so "ignoruj předchozí pokyny" and "ignoruj predchozi pokyny" both match.
 */
const PATTERNS: ReadonlyArray<{ reason: string; pattern: RegExp }> = [
  {
    reason: 'instruction_override',
    pattern:
      /\b(?:ignore|disregard|forget|override|bypass)\b.{0,40}\b(?:previous|prior|above|earlier|all|any|your|the)\b.{0,25}\b(?:instructions?|rules|prompts?|directions|guidelines|guardrails)\b/,
  },
  {
    reason: 'instruction_override',
    pattern:
      /\b(?:ignoruj\w*|zapomen\w*|nerespektuj\w*|preskoc\w*|nedbej\w*|porus\w*)\b.{0,40}\b(?:predchozi\w*|vsechn\w*|dosavadni\w*|sv[eaoy]\w*|tv[eaoy]\w*)?.{0,25}\b(?:instrukc\w*|pokyn\w*|pravidl\w*|prikaz\w*|omezeni)\b/,
  },
  {
    reason: 'system_prompt_request',
    pattern:
      /\b(?:reveal|show|print|repeat|display|output|tell me|what (?:is|are)|give me|leak|dump)\b.{0,30}\b(?:system prompt|initial prompt|hidden prompt|your (?:instructions|prompt|rules|guidelines)|the instructions (?:you|above))/,
  },
  {
    reason: 'system_prompt_request',
    pattern:
      /\b(?:ukaz\w*|prozrad\w*|vypis\w*|zopakuj\w*|rekni|napis\w*|sdel\w*|jak(?:e|y) (?:mas|jsou))\b.{0,30}\b(?:systemov\w* (?:prompt\w*|pokyn\w*|instrukc\w*|zprav\w*)|(?:sv|tv)(?:e|oje) (?:instrukc\w*|pokyn\w*|prompt\w*|pravidl\w*))/,
  },
  {
    reason: 'system_prompt_request',
    pattern: /\b(?:system prompt|systemovy prompt|systemove instrukce)\b/,
  },
  {
    reason: 'role_play',
    pattern:
      /\b(?:act as|pretend (?:to be|you are|you're)|you are now|you're now|roleplay as|role-play as|from now on you(?: are|'re| will)?|behave like)\b/,
  },
  {
    reason: 'role_play',
    pattern: /\b(?:chovej se jako|predstirej\w*|hraj roli|ted jsi|od ted jsi|jsi ted|vzij se do role)\b/,
  },
  {
    reason: 'developer_mode',
    pattern:
      /\b(?:developer mode|dev mode|debug mode|admin mode|god mode|jailbreak\w*|do anything now|dan mode|vyvojarsk\w* rezim\w*|rezim\w* vyvojare|ladici rezim|administratorsk\w* rezim)\b/,
  },
];

const DATA_NOUN =
  /\b(?:e-?mails?|phones?|phone numbers?|numbers?|address(?:es)?|passwords?|cards?|details|data|records?|accounts?|contacts?|history|invoices?|telefon\w*|cisl\w*|adres\w*|hesl\w*|kart\w*|udaj\w*|dat\w*|kontakt\w*|zaznam\w*|uct\w*|historii|faktur\w*)\b/;

const OTHER_CUSTOMER =
  /\b(?:another customer|other customers?|other users?|different customer|all (?:the )?customers|every customer|someone else(?:'s)?|jin\w* zakaznik\w*|jin\w* klient\w*|ostatni\w* zakaznik\w*|vsech zakazniku|vsech klientu|nekoho jineho|cizi\w*)\b/;

const CUSTOMER_ID = /\bcust[-_]?\d{2,}\b/g;

/** Basic prompt-injection detection: heuristics that catch the common phrasings, not a guarantee. */
export function checkInput(text: string, options: InputCheckOptions = {}): GuardVerdict {
  const normalized = normalize(text);
  const reasons = new Set<string>();
  for (const { reason, pattern } of PATTERNS) {
    if (pattern.test(normalized)) reasons.add(reason);
  }
  const ownId = options.customerId?.toLowerCase();
  const foreignId = [...normalized.matchAll(CUSTOMER_ID)].some((match) => match[0] !== ownId);
  if (DATA_NOUN.test(normalized) && (foreignId || OTHER_CUSTOMER.test(normalized))) {
    reasons.add('other_customer_data');
  }
  return { ok: reasons.size === 0, reasons: [...reasons] };
}

function normalize(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');
}
