import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNSURE_BELOW } from '../../src/actors/routing-plan.js';
import type { Desk } from '../../src/desk/index.js';
import { OOS_LABEL, readExamplesFile } from '../../src/nlu/index.js';
import { demoModel, demoProfile } from '../support/demo-desk.js';
import { startDesk } from './support/desk-harness.js';

const HELD_OUT = fileURLToPath(new URL('../nlu/fixtures/demo-heldout.jsonl', import.meta.url));

// The held-out messages the shipped model is unsure of (what `swarmdesk eval` counts as unsure), with
// their department in the model's top two: the desk must not hand them to a person for low confidence.
const { model } = demoModel();
const unsure = readExamplesFile(HELD_OUT).flatMap((example) => {
  if (example.label === OOS_LABEL) return [];
  const prediction = model.classify(example.text);
  const sure =
    !prediction.outOfScope && (prediction.departmentConfidence ?? prediction.confidence) >= UNSURE_BELOW;
  const want = model.departmentOf(example.label);
  const topTwo = prediction.ranked.slice(0, 2).map((entry) => model.departmentOf(entry.intent));
  return sure || !topTwo.includes(want) ? [] : [{ ...example, department: want }];
});

// Sent on to a department that is not the labelled one: routed (not asked, not escalated), and
// answered there. Listed, so a fix shows up as a failure to update and a new miss as one to look at.
const KNOWN_MISROUTES: string[] = [];

let desk: Desk;
beforeAll(async () => {
  desk = await startDesk();
}, 60_000);
afterAll(async () => {
  await desk.close();
});

describe('the demo desk on held-out messages its model is unsure of', () => {
  it('has some to try', () => {
    expect(unsure.length).toBeGreaterThan(0);
  });

  it('never escalates one for low confidence, and offers or answers the right department otherwise', async () => {
    const misrouted: string[] = [];
    for (const example of unsure) {
      const result = await desk.submit({ customerId: `heldout-${example.language}`, message: example.text });
      if (result.escalated) {
        const ticket = result.ticketId ? await desk.getTicket(result.ticketId) : undefined;
        expect(ticket?.reasons, example.text).not.toContain('low_confidence');
        continue;
      }
      // A message with no topic ("Nevím si rady.") is right to be asked about.
      if (demoProfile().intents[example.label]?.clarify) {
        expect(result.suggestions.length, example.text).toBeGreaterThan(0);
        continue;
      }
      const offered = [result.department, ...result.suggestions.map((suggestion) => suggestion.department)];
      if (!example.department || !offered.includes(example.department)) misrouted.push(example.text);
    }
    expect(misrouted).toEqual(KNOWN_MISROUTES);
  });
});
