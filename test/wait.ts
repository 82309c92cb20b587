/** Polls `what` every 100 ms until `done` holds or `ms` pass; returns the last value (the test then asserts on it). */
export async function waitUntil<T>(what: () => Promise<T>, done: (value: T) => boolean, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await what();
  while (!done(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await what();
  }
  return value;
}
