/**
 * Term-close benchmarks (issue 7): N delegated candidates on workchain 0 (built in bulk, see
 * staking.ts), the clock moved past the term end, then `endTerm` on every chain, workchains first.
 * `termClose` = Σ gas of every transaction of the close on every chain (endTerm, continueClose,
 * onReward/onStateChanged, candidateReport + merge, election, VALIDATOR_SET proposal, tallies,
 * commit, installation); `termCloseMaxTx` = its largest single transaction.
 */
import { measureTree, TxRecord } from "../lib/executor";
import { assertClean, ResultBook, summarize } from "../lib/report";
import { EVER, freshOwner, Suite } from "../lib/suite";
import { bulkCandidates } from "./staking";

const BATCH = 500;

/** Gives every root one staker with `amount` (one wallet per root). */
async function bulkDelegate(suite: Suite, roots: { address: import("locklift").Address; chain: number }[], amount: bigint): Promise<void> {
  for (let i = 0; i < roots.length; i += BATCH) {
    const batch = roots.slice(i, i + BATCH).map((r) => {
      const owner = freshOwner(r.chain);
      return { r, owner, wallet: suite.queueDeployWallet(r.chain, owner) };
    });
    await suite.run();
    for (const b of batch) suite.queueDeposit(b.wallet, b.owner, amount + EVER);
    await suite.run();
    for (const b of batch) suite.queueStake(b.wallet, b.owner, b.r.address, amount);
    await suite.run();
  }
}

/** One term close with `n` candidates on workchain 0. */
export async function termCloseSeries(book: ResultBook, n: number): Promise<void> {
  const suite = await Suite.deploy({ chains: [-1, 0], config: { minUnlockPeriod: 0 }, fresh: true });
  const roots = await bulkCandidates(suite, 0, n, suite.config.minDeposit);
  await bulkDelegate(suite, roots, suite.config.delegationThreshold);
  await locklift.testing.increaseTime(suite.config.term + 1);
  await book.record("termClose", n, async () => {
    const all: TxRecord[] = [];
    for (const chain of [0, -1]) {
      const value = 10n * EVER + (BigInt(n) * EVER) / 5n;
      all.push(...(await measureTree(async () => suite.queue(freshOwner(chain), suite.electors.get(chain)!, suite.abi.elector, "endTerm", {}, value))));
    }
    assertClean(all, "termClose");
    const s = summarize(all);
    book.set("termCloseMaxTx", n, { gas: s.maxTxGas, txs: s.txs });
    return s;
  });
}
