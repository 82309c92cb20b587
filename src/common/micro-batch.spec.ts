import { MicroBatcher } from './micro-batch';

describe('MicroBatcher', () => {
  it('should run items that arrive together as one batch and give each caller its own result', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>((items) => {
      batches.push(items);
      return Promise.resolve(items.map((n) => n * 10));
    }, 100, 5);
    const results = await Promise.all([1, 2, 3].map((n) => batcher.add(n)));
    expect(results).toEqual([10, 20, 30]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('should cut batches at the maximum size', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>((items) => {
      batches.push(items);
      return Promise.resolve(items);
    }, 2, 50);
    await Promise.all([1, 2, 3, 4, 5].map((n) => batcher.add(n)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('should reject every caller of a failed batch, and run the next batch normally', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<string, string>((items) => {
      calls += 1;
      return calls === 1 ? Promise.reject(new Error('database unavailable')) : Promise.resolve(items.map((s) => s.toUpperCase()));
    }, 10, 1);
    const first = await Promise.allSettled([batcher.add('a'), batcher.add('b')]);
    expect(first.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.add('c')).resolves.toBe('C');
  });

  it('should reject when a batch returns fewer results than items', async () => {
    const batcher = new MicroBatcher<number, number>(() => Promise.resolve([1]), 10, 1);
    const settled = await Promise.allSettled([batcher.add(1), batcher.add(2)]);
    expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });
});
