/**
 * Stake-path benchmarks at N existing stakers and candidates (issue 7).
 *
 * Bulk state (N candidates on the measured chain, N stakers on the measured root) is built by
 * real messages injected into the executor's queue in batches (bench/lib/suite.ts): every
 * transaction of the contracts runs for real; only the owners' own wallets are skipped. Then
 * one fresh staker performs each operation and the whole message tree of it is measured:
 * gas = Σ compute gas of the tree, `stakeHopMax` = the largest single transaction of stake → lock.
 */
import { Address } from "locklift";
import { measureTree, TxRecord } from "../lib/executor";
import { assertClean, ResultBook, summarize } from "../lib/report";
import { EVER, freshOwner, freshValidatorKey, RootRef, Suite } from "../lib/suite";
import { functionName } from "../lib/names";

const BATCH = 500;

/** Builds `n` nominated candidates on `chain` (deployRoot + selfNominate), in batches. */
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

/** Builds `n` stakers of `root` (wallet deploy + deposit + stake), in batches; returns their wallets. */
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

async function op(book: ResultBook, name: string, n: number, fn: () => Promise<TxRecord[]>, hopMax?: (txs: TxRecord[]) => void): Promise<void> {
  await book.record(name, n, async () => {
    const txs = await fn();
    assertClean(txs, name);
    hopMax?.(txs);
    return summarize(txs);
  });
}

/** Every stake operation at N existing stakers of the root and N candidates of the chain. */
export async function stakeSeries(book: ResultBook, n: number): Promise<void> {
  const suite = await Suite.deploy({ chains: [-1, 0], fresh: true });
  const chain = 0;
  const deposit = suite.config.minDeposit;
  const [root] = await bulkCandidates(suite, chain, 1, deposit);
  await bulkCandidates(suite, chain, n - 1, deposit);
  await bulkStakers(suite, root, n, 10n * EVER);

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
  if (hop > 0) book.set("stakeHopMax", n, { gas: hop });
  await op(book, "unlock", n, () => suite.call(owner, wallet, suite.abi.wallet, "unlock", { root: root.address, amount: (5n * EVER).toString() }, EVER));
  await locklift.testing.increaseTime(suite.config.maxUnlockPeriod + 10);
  await op(book, "withdraw", n, () => suite.call(owner, wallet, suite.abi.wallet, "withdraw", { amount: (1n * EVER).toString(), to: owner }, EVER / 2n));
  await op(book, "claimRewards", n, () => suite.call(owner, wallet, suite.abi.wallet, "claimRewards", { root: root.address }, EVER));
}
