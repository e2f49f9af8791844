/**
 * Term-close benchmarks (issue 7): N delegated candidates on workchain 0 (built in bulk, see
 * staking.ts), the clock moved past the term end, then `endTerm` on every chain, workchains first.
 * `termClose` = Σ gas of every transaction of the close on every chain (endTerm, continueClose,
 * onReward/onStateChanged, candidateReport + merge, election, VALIDATOR_SET proposal, tallies,
 * commit, installation); `termCloseMaxTx` = its largest single transaction.
 */
import { getter, measureTree, TxRecord } from "../lib/executor";
import { assertClean, ResultBook, summarize } from "../lib/report";
import { EVER, freshOwner, Suite } from "../lib/suite";
import { bulkCandidates } from "./staking";

const BATCH = 500;

/**
 * Gives every root one staker with `amount` + its index in EVER (distinct delegations: equal ones
 * would tie with the first dropout and shrink the set to MIN, codechain-rules "Election").
 */
async function bulkDelegate(suite: Suite, roots: { address: import("locklift").Address; chain: number }[], amount: bigint): Promise<void> {
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

/**
 * One term close with `n` candidates on workchain 0: `network` = electors on −1 and 0 (report,
 * merge, election on −1, set proposal, commit), `standalone` = chain list {0} (endTerm elects and
 * installs at once), recorded as `termCloseStandalone`.
 */
export async function termCloseSeries(book: ResultBook, n: number, mode: "network" | "standalone" = "network"): Promise<void> {
  const chains = mode === "network" ? [-1, 0] : [0];
  const op = mode === "network" ? "termClose" : "termCloseStandalone";
  const suite = await Suite.deploy({ chains, config: { minUnlockPeriod: 0 }, fresh: true });
  const roots = await bulkCandidates(suite, 0, n, suite.config.minDeposit);
  await bulkDelegate(suite, roots, suite.config.delegationThreshold);
  await locklift.testing.increaseTime(suite.config.term + 1);
  await book.record(op, n, async () => {
    const all: TxRecord[] = [];
    for (const chain of chains.includes(-1) ? [0, -1] : [0]) {
      const value = 10n * EVER + (BigInt(n) * EVER) / 5n;
      all.push(...(await measureTree(async () => suite.queue(freshOwner(chain), suite.electors.get(chain)!, suite.abi.elector, "endTerm", {}, value))));
    }
    assertClean(all, op);
    const s = summarize(all);
    book.set(`${op}MaxTx`, n, { gas: s.maxTxGas, txs: s.txs });
    const set = await getter(suite.abi.elector, suite.electors.get(0)!, "getValidatorSet");
    const elected = (set.set ?? []).length;
    book.set(`${op}Elected`, n, { txs: elected });
    if (elected === 0) {
      // the close did not reach an installed set (e.g. the masterchain election is not built): not a term close
      book.set(`${op}Partial`, n, s);
      throw new Error(`no validator set installed after the close (${s.txs} transactions, ${s.gas} gas measured as ${op}Partial)`);
    }
    return s;
  });
}
