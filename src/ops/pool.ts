/**
 * Parallel work over a fixed set of workers (e.g. EverWallets, which must send one message at a
 * time: their replay protection rejects concurrent externals). Items are dealt to workers
 * round-robin; each worker runs its items in order; workers run concurrently.
 */
export async function runPool<W, I, R>(
  workers: readonly W[],
  items: readonly I[],
  fn: (worker: W, item: I, index: number) => Promise<R>,
  onDone?: (done: number, total: number) => void,
): Promise<R[]> {
  if (workers.length === 0 && items.length > 0) throw new Error("runPool: no workers");
  const results = new Array<R>(items.length);
  let done = 0;
  await Promise.all(
    workers.map(async (w, wi) => {
      for (let i = wi; i < items.length; i += workers.length) {
        results[i] = await fn(w, items[i], i);
        onDone?.(++done, items.length);
      }
    }),
  );
  return results;
}

/**
 * Groups `items` by their sender (`ownerOf`) and runs each sender's items in order, senders
 * concurrently (one EverWallet never has two messages in flight).
 */
export async function perOwner<I, O, R>(items: readonly I[], ownerOf: (i: I) => O, fn: (item: I) => Promise<R>, onDone?: (done: number, total: number) => void): Promise<R[]> {
  const groups = new Map<O, number[]>();
  items.forEach((it, i) => {
    const o = ownerOf(it);
    const g = groups.get(o) ?? [];
    g.push(i);
    groups.set(o, g);
  });
  const results = new Array<R>(items.length);
  let done = 0;
  await Promise.all(
    [...groups.values()].map(async (idx) => {
      for (const i of idx) {
        results[i] = await fn(items[i]);
        onDone?.(++done, items.length);
      }
    }),
  );
  return results;
}

/** Concurrency of read-only getter batches (local TVM runs on the embedded network; a remote node's RPC). */
export const READ_CONCURRENCY = 8;

/**
 * `fn` over every item with at most `limit` calls in flight; results in input order. For
 * read-only work (getters): sends must go through {@link runPool} / {@link perOwner}.
 * The first rejection rejects the whole call (the calls already started finish unobserved).
 */
export async function mapLimit<I, R>(items: readonly I[], limit: number, fn: (item: I, index: number) => Promise<R>): Promise<R[]> {
  if (!(limit >= 1)) throw new Error("mapLimit: limit must be ≥ 1");
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
