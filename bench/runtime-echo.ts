import { z } from 'zod';
import { defineBehaviour } from '../src/runtime/index.js';

const EchoMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bench.msg'), seq: z.number(), payload: z.string() }),
  z.object({ type: z.literal('bench.count') }),
]);
type EchoMessage = z.infer<typeof EchoMessage>;

/** The benchmark's actor: counts what it receives and answers with the count. */
export const echo = defineBehaviour<{ received: number }, EchoMessage>({
  messages: EchoMessage,
  init: () => ({ received: 0 }),
  receive(state, message) {
    if (message.type === 'bench.count') return { state, reply: state.received };
    state.received++;
    return { state, reply: message.seq };
  },
});
