/**
 * Config-proposal cost at C chains (issue 7): four validators elected on workchain 0 (one term
 * close), then one `propose(MAX_NUM_OF_VALIDATORS = 40)` and the four votes through their roots.
 * `proposalCommit` = messages (Σ internal messages of the trees), hops (longest message chain of
 * one tree) and Σ gas, from the proposal to the commit on every chain.
 */
import { measureTree, TxRecord, treeDepth } from "../lib/executor";
import { ResultBook, summarize } from "../lib/report";
import { EVER, freshOwner, Suite } from "../lib/suite";
import { bulkCandidates } from "./bulk";

export async function proposalSeries(book: ResultBook, chains: number): Promise<void> {
  const list = [-1, ...Array.from({ length: chains - 1 }, (_, i) => i)];
  const suite = await Suite.deploy({ chains: list, fresh: true });
  const roots = await bulkCandidates(suite, 0, 4, suite.config.minDeposit);
  for (const r of roots) {
    const owner = freshOwner(0);
    const wallet = suite.queueDeployWallet(0, owner);
    await suite.run();
    suite.queueDeposit(wallet, owner, suite.config.delegationThreshold + EVER);
    await suite.run();
    suite.queueStake(wallet, owner, r.address, suite.config.delegationThreshold);
    await suite.run();
  }
  await locklift.testing.increaseTime(suite.config.term + 1);
  for (const chain of [...list.filter((c) => c !== -1), -1]) {
    suite.queue(freshOwner(chain), suite.electors.get(chain)!, suite.abi.elector, "endTerm", {}, 20n * EVER);
    await suite.run();
  }
  await book.record("proposalCommit", chains, async () => {
    const expiresAt = Math.floor(locklift.testing.getCurrentTime() / 1000) + 3600;
    const trees: TxRecord[][] = [];
    const value = EVER + (6n * EVER * BigInt(chains)) / 10n + EVER;
    trees.push(await suite.call(roots[0].owner, roots[0].address, suite.abi.root, "propose", { change: { param: 5, value: 40 }, payload: "te6ccgEBAQEAAgAAAA==", expiresAt }, value));
    const next = await (suite.elector(-1) as any).getters.getNextProposalSeq({}).run();
    const seq = Number(Object.values(next)[0]) - 1;
    for (const r of roots) trees.push(await suite.call(r.owner, r.address, suite.abi.root, "vote", { id: { originChain: -1, seq }, yes: true }, EVER));
    const all = trees.flat();
    const p = await (suite.elector(0) as any).getters.getProposal({ originChain: -1, seq }).run();
    if (String(p.status) !== "2") throw new Error(`proposal not committed on chain 0 (status ${p.status})`);
    return { ...summarize(all), messages: all.reduce((s, t) => s + t.outInternal, 0), hops: Math.max(...trees.map(treeDepth)) };
  });
}
