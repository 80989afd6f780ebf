import { describe, expect, it } from 'vitest';
import { BUILT_IN_TEXTS } from '../../src/actors/conversation-texts.js';
import { detectSmallTalk, smallTalkReply } from '../../src/actors/small-talk.js';

const detect = (text: string, detected: 'cs' | 'en' = 'en') =>
  detectSmallTalk(text, detected, BUILT_IN_TEXTS);

describe('small talk', () => {
  it('recognises greetings, thanks, "it works now" and goodbyes in either language', () => {
    expect(detect('thanks, bye')).toEqual({ kinds: ['thanks', 'goodbye'], language: 'en' });
    expect(detect('Děkuji, už to funguje', 'cs')).toEqual({ kinds: ['resolved', 'thanks'], language: 'cs' });
    expect(detect('Díky moc!', 'en')).toEqual({ kinds: ['thanks'], language: 'cs' });
    expect(detect('Hi there!')).toEqual({ kinds: ['greeting'], language: 'en' });
  });

  it('hears that a payment went through as the problem solved', () => {
    expect(detect('Díky, už to prošlo!', 'cs')).toEqual({ kinds: ['resolved', 'thanks'], language: 'cs' });
    expect(detect('Thanks, it went through now')).toEqual({ kinds: ['resolved', 'thanks'], language: 'en' });
    expect(detect('the payment went through twice')).toBeUndefined();
  });

  it('is not small talk as soon as the message carries anything else', () => {
    expect(detect('thanks, but it still crashes')).toBeUndefined();
    expect(detect('Hi, I cannot log in')).toBeUndefined();
    expect(detect('it works on the web but not on my phone')).toBeUndefined();
    expect(detect('ok')).toBeUndefined();
  });

  it('answers once per kind, the resolution standing for the thanks', () => {
    const reply = (text: string, detected: 'cs' | 'en' = 'en') => {
      const talk = detect(text, detected);
      if (!talk) throw new Error(`expected small talk: ${text}`);
      return smallTalkReply(talk, BUILT_IN_TEXTS);
    };
    expect(reply('thanks, bye')).toBe(
      `${BUILT_IN_TEXTS.en.replies.thanks} ${BUILT_IN_TEXTS.en.replies.goodbye}`,
    );
    expect(reply('Děkuji, už to funguje', 'cs')).toBe(BUILT_IN_TEXTS.cs.replies.resolved);
    expect(reply('Hello')).toBe(BUILT_IN_TEXTS.en.replies.greeting);
  });
});
