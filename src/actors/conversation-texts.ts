import { z } from 'zod';
import { Department } from '../domain/vocabulary.js';

/**
 * What the desk says outside of its articles, and the words it recognises as small talk: data, not
 * code, so a desk can override them. Phrases are matched on folded text (lower case, no diacritics),
 * whole words only.
 */
export const SmallTalkPhrases = z.object({
  greeting: z.array(z.string().min(1)),
  thanks: z.array(z.string().min(1)),
  /** "It works now": the last answer solved the problem. */
  resolved: z.array(z.string().min(1)),
  goodbye: z.array(z.string().min(1)),
  /** Words that may surround the phrases without making the message more than small talk. */
  filler: z.array(z.string().min(1)),
});
export type SmallTalkPhrases = z.infer<typeof SmallTalkPhrases>;

export const ReplyTexts = z.object({
  greeting: z.string(),
  thanks: z.string(),
  resolved: z.string(),
  goodbye: z.string(),
  /** `{scope}` is replaced by `scope`. */
  outOfScope: z.string(),
  /** `{topics}` is replaced by the likeliest topics, joined with `or`. */
  clarify: z.string(),
  /** Joins the last two topics of a clarifying question. */
  or: z.string(),
});
export type ReplyTexts = z.infer<typeof ReplyTexts>;

export const LanguageTexts = z.object({
  smallTalk: SmallTalkPhrases,
  replies: ReplyTexts,
  /** What the desk can help with, as a phrase for the out-of-scope reply. */
  scope: z.string(),
  /** Short names of intents for clarifying questions and suggestion buttons. */
  topics: z.record(z.string(), z.string()),
});
export type LanguageTexts = z.infer<typeof LanguageTexts>;

/** A request a person must handle by law or policy: answered, and a ticket in `queue`. */
export const PersonRequiredRule = z.object({
  queue: Department,
  /** Only when the folded message contains one of these (e.g. an erasure request, not a question). */
  when: z.array(z.string().min(1)).optional(),
});
export type PersonRequiredRule = z.infer<typeof PersonRequiredRule>;

export const ConversationTexts = z.object({
  cs: LanguageTexts,
  en: LanguageTexts,
  /** By intent. */
  personRequired: z.record(z.string(), PersonRequiredRule),
});
export type ConversationTexts = z.infer<typeof ConversationTexts>;

/** The demo desk's texts. */
export const DEFAULT_CONVERSATION_TEXTS: ConversationTexts = {
  cs: {
    smallTalk: {
      greeting: [
        'ahoj',
        'dobry den',
        'dobre rano',
        'dobre odpoledne',
        'dobry vecer',
        'zdravim',
        'zdravicko',
        'cau',
        'nazdar',
      ],
      thanks: [
        'dekuji',
        'dekujeme',
        'dekuju',
        'diky',
        'dik',
        'dekuji vam',
        'dekuji za pomoc',
        'diky za pomoc',
        'dekuji za radu',
        'diky za radu',
        'dekuji za odpoved',
      ],
      resolved: [
        'uz to funguje',
        'uz to jde',
        'funguje to',
        'uz funguje',
        'uz jde',
        'jde to',
        'vyreseno',
        'vyresilo se to',
        'pomohlo to',
        'to pomohlo',
        'to zabralo',
        'uz je to v poradku',
        'vse funguje',
        'vsechno funguje',
        'vse v poradku',
        'vsechno v poradku',
      ],
      goodbye: ['nashledanou', 'na shledanou', 'mejte se', 'hezky den', 'pekny den', 'sbohem', 'zatim'],
      filler: [
        'a',
        'ok',
        'oki',
        'jo',
        'ano',
        'tak',
        'moc',
        'mockrat',
        'mnohokrat',
        'pekne',
        'vam',
        'vsem',
        'uz',
        'ted',
        'opravdu',
        'fakt',
        'super',
        'skvele',
        'vyborne',
        'bezva',
        'prima',
        'perfektni',
        'paradni',
        'zase',
        'hezky',
        'pekny',
        'pane',
        'pani',
      ],
    },
    replies: {
      greeting: 'Dobrý den, s čím vám mohu pomoci?',
      thanks: 'Rádo se stalo. Kdybyste ještě něco potřebovali, napište nám.',
      resolved: 'To rád slyším, že už to funguje. Kdybyste ještě něco potřebovali, napište nám.',
      goodbye: 'Na shledanou a hezký den.',
      outOfScope:
        'S tímto vám bohužel neporadím, to je mimo to, čím se zabýváme. Pomoci vám mohu se {scope}. ' +
        'S čím z toho vám mohu pomoci?',
      clarify:
        'Nejsem si jistý, že vašemu dotazu správně rozumím. Jde vám o {topics}? ' +
        'Napište prosím trochu podrobněji, o co jde, nebo vyberte jednu z možností.',
      or: 'nebo',
    },
    scope:
      'svým účtem a přihlášením, s aplikací a jejími funkcemi, s fakturami, platbami a předplatným ' +
      'a s nastavením profilu a týmu',
    topics: {
      login_problem: 'přihlášení do aplikace',
      password_reset: 'obnovení hesla',
      two_factor_auth: 'dvoufázové ověření',
      app_crash: 'pády aplikace',
      app_slow: 'pomalou aplikaci',
      error_message: 'chybovou hlášku',
      sync_problem: 'synchronizaci dat',
      installation_setup: 'instalaci aplikace',
      api_integration: 'API a integrace',
      notifications_problem: 'notifikace',
      data_export: 'export dat',
      invoice_request: 'faktury',
      payment_failed: 'neprošlou platbu',
      double_charge: 'dvojí stržení platby',
      refund_request: 'vrácení peněz',
      plan_change: 'změnu tarifu',
      cancel_subscription: 'zrušení předplatného',
      vat_company_details: 'firemní údaje na fakturách',
      payment_method_update: 'změnu platební karty',
      pricing_question: 'ceny tarifů',
      profile_settings: 'nastavení profilu',
      language_settings: 'jazyk aplikace',
      team_invite: 'členy týmu',
      opening_hours: 'provozní dobu podpory',
      data_protection: 'ochranu osobních údajů',
      account_deletion: 'smazání účtu',
      feature_question: 'funkce aplikace',
      feedback_compliment: 'zpětnou vazbu k produktu',
      human_agent_request: 'spojení s člověkem',
      complaint_angry: 'stížnost',
      legal_threat: 'právní záležitost',
    },
  },
  en: {
    smallTalk: {
      greeting: ['hi', 'hello', 'hey', 'hiya', 'good morning', 'good afternoon', 'good evening', 'greetings'],
      thanks: [
        'thanks',
        'thank you',
        'thx',
        'ty',
        'cheers',
        'many thanks',
        'thanks a lot',
        'thank you so much',
        'thank you very much',
        'much appreciated',
        'appreciate it',
        'thanks for the help',
        'thanks for your help',
        'thank you for your help',
      ],
      resolved: [
        'it works',
        'it works now',
        'works now',
        'it is working',
        "it's working",
        'its working',
        'working now',
        'that worked',
        'it worked',
        'that fixed it',
        'fixed it',
        'problem solved',
        'solved',
        'all good now',
        'that helped',
        'it helped',
        'sorted',
        'all sorted',
      ],
      goodbye: [
        'bye',
        'goodbye',
        'bye bye',
        'see you',
        'see ya',
        'have a nice day',
        'have a good day',
        'take care',
      ],
      filler: [
        'ok',
        'okay',
        'great',
        'perfect',
        'awesome',
        'brilliant',
        'excellent',
        'cool',
        'nice',
        'so',
        'much',
        'very',
        'and',
        'now',
        'all',
        'a',
        'lot',
        'again',
        'guys',
        'there',
        'yes',
        'yep',
        'oh',
        'wow',
      ],
    },
    replies: {
      greeting: 'Hello, how can I help you?',
      thanks: 'You are welcome. If you need anything else, just write to us.',
      resolved: 'Glad to hear it works now. If you need anything else, just write to us.',
      goodbye: 'Goodbye, and have a nice day.',
      outOfScope:
        'I am afraid I cannot help with that; it is outside what we do. I can help you with {scope}. ' +
        'What can I do for you?',
      clarify:
        'I am not sure I understood your question correctly. Is it about {topics}? ' +
        'Please tell me a bit more, or pick one of the options.',
      or: 'or',
    },
    scope:
      'your account and signing in, the app and its features, invoices, payments and your subscription, ' +
      'and your profile and team settings',
    topics: {
      login_problem: 'signing in',
      password_reset: 'resetting your password',
      two_factor_auth: 'two-factor authentication',
      app_crash: 'the app crashing',
      app_slow: 'the app being slow',
      error_message: 'an error message',
      sync_problem: 'data not syncing',
      installation_setup: 'installing the app',
      api_integration: 'the API and integrations',
      notifications_problem: 'notifications',
      data_export: 'exporting data',
      invoice_request: 'invoices',
      payment_failed: 'a failed payment',
      double_charge: 'a double charge',
      refund_request: 'a refund',
      plan_change: 'changing your plan',
      cancel_subscription: 'cancelling your subscription',
      vat_company_details: 'company details on invoices',
      payment_method_update: 'changing your card',
      pricing_question: 'plan prices',
      profile_settings: 'your profile settings',
      language_settings: 'the app language',
      team_invite: 'team members',
      opening_hours: 'our opening hours',
      data_protection: 'data protection',
      account_deletion: 'deleting your account',
      feature_question: 'what the app can do',
      feedback_compliment: 'feedback on the product',
      human_agent_request: 'talking to a person',
      complaint_angry: 'a complaint',
      legal_threat: 'a legal matter',
    },
  },
  personRequired: {
    account_deletion: {
      queue: 'general',
      when: [
        'smaz',
        'zrus',
        'odstran',
        'zavr',
        'delete',
        'close',
        'remove',
        'deactivat',
        'cancel my account',
      ],
    },
    data_protection: {
      queue: 'general',
      when: [
        'smaz',
        'vymaz',
        'odstran',
        'kopii',
        'kopie',
        'pristup k',
        'jake udaje',
        'jaka data',
        'vypis',
        'zapomenut',
        'delete',
        'erase',
        'erasure',
        'remove my',
        'copy of',
        'access to my',
        'access request',
        'what data',
        'what personal data',
        'forgotten',
        'forget me',
      ],
    },
    complaint_angry: { queue: 'escalation' },
  },
};
