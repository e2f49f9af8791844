/**
 * Stake-path benchmarks at N existing stakers and candidates (issue 7).
 *
 * Bulk state (N candidates on the measured chain, N stakers on the measured root) is built by
 * real messages (bench/scenarios/bulk.ts) or, `build = "storage"`, two of each by real messages and
 * the rest written into storage (bench/scenarios/synthetic.ts). Then
 * one fresh staker performs each operation and the whole message tree of it is measured:
 * gas = Σ compute gas of the tree, `stakeHopMax` = the largest single transaction of stake → lock.
 */
import { measureTree, storageCells, TxRecord } from "../lib/executor";
import { assertClean, ResultBook, summarize } from "../lib/report";
import { EVER, freshOwner, freshValidatorKey, Suite } from "../lib/suite";
import { bulkCandidates, bulkStakers } from "./bulk";
import { addCandidates, addStakers } from "./synthetic";

/** How the bulk state is built: real messages (bulk.ts) or written into storage (synthetic.ts). */
export type Build = "messages" | "storage";
import { functionName } from "../lib/names";

async function op(book: ResultBook, name: string, n: number, fn: () => Promise<TxRecord[]>, hopMax?: (txs: TxRecord[]) => void): Promise<void> {
  await book.record(name, n, async () => {
    const txs = await fn();
    assertClean(txs, name);
    hopMax?.(txs);
    return summarize(txs);
  });
}

/** Every stake operation at N existing stakers of the root and N candidates of the chain. */
export async function stakeSeries(book: ResultBook, n: number, build: Build = "messages", candidates = n): Promise<void> {
  const suite = await Suite.deploy({ chains: [-1, 0], fresh: true });
  const chain = 0;
  const deposit = suite.config.minDeposit;
  const [root] = await bulkCandidates(suite, chain, 1, deposit);
  if (build === "messages") {
    await bulkCandidates(suite, chain, candidates - 1, deposit);
    await bulkStakers(suite, root, n, 10n * EVER);
  } else {
    // two of each by real messages (the templates), the rest written into storage
    const [template] = await bulkCandidates(suite, chain, 1, deposit);
    const stakers = await bulkStakers(suite, root, 2, 10n * EVER);
    await addCandidates(suite, template, candidates - 2, () => 0n);
    await addStakers(suite, root, stakers[0].wallet, n - 2);
  }

  // the chain's elector holding `candidates` nominated (undelegated) candidates and one delegated root
  book.set("electorCells nominated", candidates, { cells: await storageCells(suite.electors.get(chain)!) });
  const owner = freshOwner(chain);
  const wallet = suite.walletAddress(chain, owner);
  await op(book, "deployRoot", n, () => measureTree(async () => suite.queueDeployRoot(chain, freshOwner(chain), freshValidatorKey().publicKey)));
  const [newRoot] = await suite.deployRoots([{ chain }]);
  await op(book, "selfNominate", n, () => measureTree(async () => suite.queueNominate(newRoot, deposit)));
  await op(book, "deployWallet", n, () => suite.call(owner, root.address, suite.abi.root, "deployWallet", { walletOwner: owner, remainingGasTo: owner }, EVER));
  await op(book, "deposit", n, () => measureTree(async () => suite.queueDeposit(wallet, owner, 100n * EVER)));
  let hop = 0;
  await op(book, "stake", n, () => measureTree(async () => suite.queueStake(wallet, owner, root.address, 10n * EVER)), (txs) => {
    const hops = txs.filter((t) => t.functionId !== undefined && !t.bounced);
    hop = Math.max(...hops.map((t) => t.gas));
    // each hop of stake → lock: wallet.stake, root.requestStake, elector.delegate, wallet.lock
    for (const t of hops) book.set(`stakeHop ${functionName(t.functionId)}`, n, { gas: t.gas, fees: t.fees.toString() });
  });
  book.set("stakeHopMax", n, hop > 0 ? { gas: hop } : { error: "stake failed: see the stake row" });
  await op(book, "unlock", n, () => suite.call(owner, wallet, suite.abi.wallet, "unlock", { root: root.address, amount: (5n * EVER).toString() }, EVER), (txs) => {
    // each hop of unlock: wallet.unlock, root.revoke, elector.revoke, wallet.unlocked
    for (const t of txs.filter((x) => x.functionId !== undefined && !x.bounced)) book.set(`unlockHop ${functionName(t.functionId)}`, n, { gas: t.gas, fees: t.fees.toString() });
  });
  await locklift.testing.increaseTime(suite.config.maxUnlockPeriod + 10);
  await op(book, "withdraw", n, () => suite.call(owner, wallet, suite.abi.wallet, "withdraw", { amount: (1n * EVER).toString(), to: owner }, EVER / 2n));
  await op(book, "claimRewards", n, () => suite.call(owner, wallet, suite.abi.wallet, "claimRewards", { root: root.address }, EVER));
}
