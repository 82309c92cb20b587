/**
 * Group commit: callers add one item each and get its own result, while the work runs on batches of items
 * that arrived together (up to `maxSize`, waiting at most `maxWaitMs` for more). A failed batch rejects
 * every caller in it, so each can be retried on its own.
 */
export class MicroBatcher<T, R> {
  private pending: { item: T; resolve: (r: R) => void; reject: (e: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** Runs one batch; returns one result per item, in the same order. */
    private readonly run: (items: T[]) => Promise<R[]>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
  ) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.maxSize) {
        this.flush();
      } else {
        this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
      }
    });
  }

  private flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const batch = this.pending.splice(0, this.maxSize);
    if (this.pending.length > 0) {
      this.timer = setTimeout(() => this.flush(), 0);
    }
    if (batch.length === 0) {
      return;
    }
    this.run(batch.map((b) => b.item)).then(
      (results) => {
        batch.forEach((b, i) => {
          if (i < results.length) {
            b.resolve(results[i] as R);
          } else {
            b.reject(new Error(`batch returned ${results.length} results for ${batch.length} items`));
          }
        });
      },
      (error: unknown) => batch.forEach((b) => b.reject(error)),
    );
  }
}
