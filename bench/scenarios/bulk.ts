/**
 * Bulk state of the benchmarks, built by real messages injected into the executor's queue in
 * batches (bench/lib/suite.ts, src/dev/executor.ts `enqueueRawMessage`): every contract transaction runs for
 * real (deployRoot → root constructor, selfNominate → nominate → onNominated, wallet constructor,
 * deposit, stake → requestStake → delegate + lock); only the owners' own wallets are skipped (their
 * messages are injected, the value is counted as `funded`).
 */
import { Address } from "locklift";
import { EVER, freshOwner, freshValidatorKey, RootRef, Suite } from "../lib/suite";

export const BATCH = 500;

/** `n` nominated candidates on `chain` (deployRoot + selfNominate with `deposit`), in batches. */
export async function bulkCandidates(suite: Suite, chain: number, n: number, deposit: bigint): Promise<RootRef[]> {
  const roots: RootRef[] = [];
  for (let i = 0; i < n; i += BATCH) {
    const batch: RootRef[] = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) batch.push(suite.queueDeployRoot(chain, freshOwner(chain), freshValidatorKey().publicKey));
    await suite.run();
    await suite.resolveRoots(batch);
    for (const r of batch) suite.queueNominate(r, deposit);
    await suite.run();
    roots.push(...batch);
  }
  return roots;
}

/** `n` stakers of `root` (wallet deploy + deposit + stake of `amount`), in batches; returns their wallets. */
export async function bulkStakers(suite: Suite, root: RootRef, n: number, amount: bigint): Promise<{ owner: Address; wallet: Address }[]> {
  const out: { owner: Address; wallet: Address }[] = [];
  for (let i = 0; i < n; i += BATCH) {
    const batch: { owner: Address; wallet: Address }[] = [];
    for (let j = i; j < Math.min(n, i + BATCH); j++) {
      const owner = freshOwner(root.chain);
      batch.push({ owner, wallet: suite.queueDeployWallet(root.chain, owner) });
    }
    await suite.run();
    for (const b of batch) suite.queueDeposit(b.wallet, b.owner, amount + EVER);
    await suite.run();
    for (const b of batch) suite.queueStake(b.wallet, b.owner, root.address, amount);
    await suite.run();
    out.push(...batch);
  }
  return out;
}

/**
 * Gives every root one staker with `amount` + its index in EVER (distinct delegations: equal ones
 * would tie with the first dropout and shrink the set to MIN, codechain-rules "Election").
 */
export async function bulkDelegate(suite: Suite, roots: RootRef[], amount: bigint): Promise<void> {
  for (let i = 0; i < roots.length; i += BATCH) {
    const batch = roots.slice(i, i + BATCH).map((r, j) => {
      const owner = freshOwner(r.chain);
      return { r, owner, wallet: suite.queueDeployWallet(r.chain, owner), amount: amount + BigInt(i + j) * EVER };
    });
    await suite.run();
    for (const b of batch) suite.queueDeposit(b.wallet, b.owner, b.amount + EVER);
    await suite.run();
    for (const b of batch) suite.queueStake(b.wallet, b.owner, b.r.address, b.amount);
    await suite.run();
  }
}
