import { describe, expect, it } from 'vitest';
import { createStartQueue } from './start-queue.ts';

/** A start the test finishes by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('the start queue', () => {
  it('runs at most `limit` starts at once and tells each waiting learner how many are ahead', async () => {
    const queue = createStartQueue(2);
    const heard: Record<string, number[]> = {};
    const gates = { a: gate(), b: gate(), c: gate(), d: gate() };
    const running = new Set<string>();
    let most = 0;
    const starts = (['a', 'b', 'c', 'd'] as const).map((key) =>
      queue.run(key, async () => {
        running.add(key);
        most = Math.max(most, running.size);
        await gates[key].opened;
        running.delete(key);
        return key;
      }, (ahead) => (heard[key] ??= []).push(ahead)),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([...running].sort()).toEqual(['a', 'b']);
    expect(queue.position('c')).toBe(1);
    expect(queue.position('d')).toBe(2);
    gates.a.open();
    await starts[0];
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([...running].sort()).toEqual(['b', 'c']);
    expect(queue.position('d')).toBe(1);
    gates.b.open();
    gates.c.open();
    gates.d.open();
    expect(await Promise.all(starts)).toEqual(['a', 'b', 'c', 'd']);
    expect(most).toBe(2);
    expect(heard).toEqual({ a: [0], b: [0], c: [1, 0], d: [2, 1, 0] });
    expect(queue.position('d')).toBeUndefined();
  });

  it('a failed start frees its place for the next', async () => {
    const queue = createStartQueue(1);
    const failed = queue.run('a', async () => {
      throw new Error('no room on the engine');
    });
    const next = queue.run('b', async () => 'started');
    await expect(failed).rejects.toThrow('no room on the engine');
    expect(await next).toBe('started');
  });

  it('refuses a limit that is not a whole number of 1 or more, saying what it needs', () => {
    expect(() => createStartQueue(0)).toThrow('whole number of 1 or more, not 0');
  });
});
