/**
 * The error `run` throws, checked to be a `type`: for tests that read an error's code and message.
 * Throws when `run` returns, or throws something else.
 */
export function thrownBy<E extends Error>(run: () => unknown, type: abstract new (...args: never[]) => E): E {
  try {
    run();
  } catch (error) {
    if (error instanceof type) return error;
    throw error;
  }
  throw new Error(`expected a ${type.name}`);
}
