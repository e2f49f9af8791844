/**
 * `npm run load` (LOAD_ARGS="--wallets 10000 --roots 50"): the load test of issue 8, too slow for
 * CI. Deploys electors on −1, 0, 1, 2, `roots` nominated roots spread over workchains 0–2 and
 * `wallets` wallets that each deposit and stake with one root (bulk injection, bench/lib/suite.ts),
 * closes a term on every chain, and checks: every wallet's stake locked at its root, Σ root
 * totalLocked = Σ stakes, no aborted transaction, and coin conservation from the deployed electors
 * on: Σ balances after − before + Σ fees (incl. forwarding) = Σ value injected.
 */
import { measureTree, TxRecorder } from "../bench/lib/executor";
import { BalanceCache } from "../test/fuzz/world";
import { EVER, freshOwner, freshValidatorKey, RootRef, Suite } from "../bench/lib/suite";

function arg(name: string, def: number): number {
  const argv = (process.env.LOAD_ARGS ?? "").split(/\s+/);
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : def;
}

async function main() {
  const walletsN = arg("wallets", 10000);
  const rootsN = arg("roots", 50);
  const t0 = Date.now();
  const log = (s: string) => console.log(`[load ${((Date.now() - t0) / 1000).toFixed(0)}s] ${s}`);
  const suite = await Suite.deploy({ chains: [-1, 0, 1, 2], fresh: true });
  TxRecorder.get().keepHistory = false; // ~100k transactions: the executor's own index is not needed
  const balances = new BalanceCache();
  const balancesBefore = balances.total();
  const fundedBefore = suite.funded;
  let fees = 0n;
  let txCount = 0;
  const step = async (fn: () => void) => {
    const txs = await measureTree(async () => fn());
    txCount += txs.length;
    fees += txs.reduce((s, t) => s + t.fees + t.outFwdFees, 0n);
    // owners are plain addresses without an account: change sent to them is skipped (no compute phase)
    const bad = txs.filter((t) => t.aborted && t.msgType !== "ExtIn" && t.exitCode !== undefined);
    if (bad.length) throw new Error(`${bad.length} aborted transactions, first on ${bad[0].account} exit ${bad[0].exitCode}`);
  };
  const roots: RootRef[] = [];
  await step(() => {
    for (let i = 0; i < rootsN; i++) roots.push(suite.queueDeployRoot(i % 3, freshOwner(i % 3), freshValidatorKey().publicKey));
  });
  await suite.resolveRoots(roots);
  await step(() => roots.forEach((r) => suite.queueNominate(r, suite.config.minDeposit)));
  log(`${rootsN} roots nominated`);
  const stake = 10n * EVER;
  for (let i = 0; i < walletsN; i += 500) {
    const batch = Array.from({ length: Math.min(500, walletsN - i) }, (_, j) => {
      const r = roots[(i + j) % rootsN];
      const owner = freshOwner(r.chain);
      return { r, owner, wallet: suite.walletAddress(r.chain, owner) };
    });
    await step(() => batch.forEach((b) => suite.queueDeployWallet(b.r.chain, b.owner)));
    await step(() => batch.forEach((b) => suite.queueDeposit(b.wallet, b.owner, stake + EVER)));
    await step(() => batch.forEach((b) => suite.queueStake(b.wallet, b.owner, b.r.address, stake)));
    log(`${i + batch.length} wallets staked`);
  }
  let total = 0n;
  for (const r of roots) total += BigInt((await (suite.root(r.address) as any).getters.getStakeTotals({}).run()).totalLocked);
  if (total !== stake * BigInt(walletsN)) throw new Error(`Σ totalLocked ${total} ≠ ${stake * BigInt(walletsN)}`);
  await locklift.testing.increaseTime(suite.config.term + 1);
  for (const chain of [0, 1, 2, -1]) await step(() => suite.queue(freshOwner(chain), suite.electors.get(chain)!, suite.abi.elector, "endTerm", {}, 50n * EVER));
  // every chain closed term 1 and installed the set elected on −1 (term 2, phase Running)
  const terms: string[] = [];
  for (const chain of [-1, 0, 1, 2]) {
    const t = await (suite.elector(chain) as any).getters.getCurrentTerm({}).run();
    terms.push(`${chain}: term ${t.termId} phase ${t.phase}`);
    if (Number(t.termId) !== 2 || Number(t.phase) !== 0) throw new Error(`chain ${chain} did not finish the term close: ${terms.join(", ")}`);
  }
  const set = await (suite.elector(0) as any).getters.getValidatorSet({}).run();
  log(`term 1 closed on every chain (${terms.join(", ")}); validator set of term 2: ${set.set.length} validators, total power ${Number(BigInt(set.totalVotingPower) / EVER)} EVER`);
  const residue = balances.total() - balancesBefore + fees - (suite.funded - fundedBefore);
  if (residue !== 0n) throw new Error(`conservation broken: residue ${residue} nanoevers`);
  log(`Σ locked ${total / EVER} EVER in ${walletsN} wallets at ${rootsN} roots, ${txCount} transactions, fees ${Number(fees) / 1e9} EVER; conservation: residue 0 (Σ funded ${Number(suite.funded - fundedBefore) / 1e9} EVER)`);
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
