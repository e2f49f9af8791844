/**
 * Term-close benchmarks (issue 7). N delegated candidates spread over the workchains (built by real
 * messages, bench/scenarios/bulk.ts; or, `build = "storage"`, the top 40 of each chain by real
 * messages and the rest written into storage below them, bench/scenarios/synthetic.ts), the clock moved past the term end, then `endTerm` on every
 * workchain and last on the masterchain.
 *
 * - `termClose` (network −1, 0, 1, 2) = Σ gas of every transaction of the close on every chain:
 *   endTerm + continueClose per chain, candidateReport + merge, election (finalizeElection), the
 *   VALIDATOR_SET proposal broadcast, auto-vote tallies, commit, installation (onStateChanged to the
 *   elected roots). Reward payouts (onReward and what it triggers) are excluded (none at the first
 *   close; recorded as `termCloseRewards` if any). `termClose · <function>` splits it by function,
 *   `endTerm wc<c>` is the chain's own endTerm/continueClose transactions.
 * - `termCloseStandalone` = chain list {0}: endTerm elects and installs at once.
 * - After the network close, on the home chain of a member of the set: `submitTermStats` (the set
 *   signs term 2's statistics) and `reportDoubleVote` (a member of that chain: ban, onBan job on its root, BAN_VALIDATOR
 *   proposal broadcast, tallies, commits on every chain).
 */
import { keyPairFromSeed } from "@ton/crypto";
import { getter, measureTree, storageCells, TxRecord } from "../lib/executor";
import { assertClean, ResultBook, summarize } from "../lib/report";
import { EVER, freshOwner, RootRef, Suite, validatorSecrets } from "../lib/suite";
import { functionName } from "../lib/names";
import { bulkCandidates, bulkDelegate } from "./bulk";
import { addCandidates } from "./synthetic";
import type { Build } from "./staking";
import { encodeTermStats, signaturesToTokens, signTermStats } from "../../src/simulator/stats";
import { makeDoubleVote } from "../../src/simulator/doubleVote";

export const NETWORK_CHAINS = [-1, 0, 1, 2];
/** Candidates per chain built by real messages when the rest is written into storage (> MAX + 1 = 31). */
const REAL_TOP = 40;

/** Transactions of `txs` not caused by a reward payout (onReward and its descendants). */
function withoutRewards(txs: TxRecord[]): { kept: TxRecord[]; rewards: TxRecord[] } {
  const rewardHashes = new Set<string>();
  const byIn = new Map(txs.map((t) => [t.inHash, t]));
  const mark = (t: TxRecord) => {
    rewardHashes.add(t.inHash);
    for (const h of t.outHashes) if (byIn.has(h)) mark(byIn.get(h)!);
  };
  for (const t of txs) if (functionName(t.functionId) === "DePoolRoot.onReward") mark(t);
  return { kept: txs.filter((t) => !rewardHashes.has(t.inHash)), rewards: txs.filter((t) => rewardHashes.has(t.inHash)) };
}

/**
 * One term close with `n` candidates: `network` = electors on −1, 0, 1, 2 (candidates on 0, 1, 2
 * round-robin), `standalone` = chain list {0}.
 */
export async function termCloseSeries(book: ResultBook, n: number, mode: "network" | "standalone" = "network", build: Build = "messages"): Promise<void> {
  const chains = mode === "network" ? NETWORK_CHAINS : [0];
  const work = chains.filter((c) => c !== -1);
  const op = mode === "network" ? "termClose" : "termCloseStandalone";
  const suite = await Suite.deploy({ chains, config: { minUnlockPeriod: 0 }, fresh: true });
  const roots: RootRef[] = [];
  const counts = work.map((_, i) => Math.floor(n / work.length) + (i < n % work.length ? 1 : 0));
  // storage: the top REAL_TOP of each chain (every reported and elected candidate) by real messages,
  // with the largest delegations; the rest written into storage below them
  const real = (count: number) => (build === "messages" ? count : Math.min(count, REAL_TOP));
  const perChain: RootRef[][] = [];
  for (const [i, chain] of work.entries()) perChain.push(await bulkCandidates(suite, chain, real(counts[i]), suite.config.minDeposit));
  // delegations interleaved over the chains, so the elected set spans every chain
  for (let j = 0; j < Math.max(...perChain.map((p) => p.length)); j++) for (const p of perChain) if (j < p.length) roots.push(p[j]);
  const threshold = suite.config.delegationThreshold;
  await bulkDelegate(suite, roots, build === "messages" ? threshold : threshold + BigInt(n) * EVER);
  if (build === "storage") {
    let next = 0;
    for (const [i, chain] of work.entries()) {
      const template = roots.find((r) => r.chain === chain)!;
      const base = next;
      await addCandidates(suite, template, counts[i] - real(counts[i]), (j) => threshold + BigInt(base + j) * EVER);
      next += counts[i] - real(counts[i]);
    }
  }
  // workchain 0's elector holding its share of the N ranked (delegated) candidates
  if (mode === "network") book.set("electorCells ranked wc0", counts[work.indexOf(0)], { cells: await storageCells(suite.electors.get(0)!) });
  await locklift.testing.increaseTime(suite.config.term + 1);
  await book.record(op, n, async () => {
    const all: TxRecord[] = [];
    for (const chain of [...work, ...chains.filter((c) => c === -1)]) {
      const elector = suite.electors.get(chain)!;
      const value = 10n * EVER + (BigInt(n) * EVER) / 5n;
      const tree = await measureTree(async () => suite.queue(freshOwner(chain), elector, suite.abi.elector, "endTerm", {}, value));
      const own = tree.filter((t) => t.account === elector.toString() && ["DElectorConfig.endTerm", "DElectorConfig.continueClose"].includes(functionName(t.functionId)));
      book.set(`${mode === "network" ? "endTerm" : "endTermStandalone"} wc${chain}`, n, summarize(own));
      all.push(...tree);
    }
    assertClean(all, op);
    const { kept, rewards } = withoutRewards(all);
    if (rewards.length) book.set(`${op}Rewards`, n, summarize(rewards));
    const s = summarize(kept);
    book.set(`${op}MaxTx`, n, { gas: s.maxTxGas, txs: s.txs });
    const byFn = new Map<string, TxRecord[]>();
    for (const t of kept) byFn.set(functionName(t.functionId), [...(byFn.get(functionName(t.functionId)) ?? []), t]);
    for (const [fn, txs] of byFn) book.set(`${op} · ${fn}`, n, summarize(txs));
    const set = await getter(suite.abi.elector, suite.electors.get(0)!, "getValidatorSet");
    const elected = (set.set ?? []).length;
    book.set(`${op}Elected`, n, { txs: elected });
    if (elected === 0) throw new Error(`no validator set installed after the close (${s.txs} transactions, ${s.gas} gas)`);
    return s;
  });
  if (mode === "network") await statsAndDoubleVote(book, suite, n);
}

/**
 * submitTermStats and reportDoubleVote after the close (term 2 = the elected set), on the home chain
 * of the first member of the set.
 */
async function statsAndDoubleVote(book: ResultBook, suite: Suite, n: number): Promise<void> {
  const first = await getter(suite.abi.elector, suite.electors.get(0)!, "getValidatorSet");
  const members: [string, { chainId: string }][] = first.set ?? [];
  if (members.length === 0) return;
  const home = Number(members[0][1].chainId);
  const e0 = suite.electors.get(home)!;
  const set = await getter(suite.abi.elector, e0, "getValidatorSet");
  const termId = Number(set.setTermId);
  const key = (k: string) => BigInt(k).toString(16).padStart(64, "0");
  const signer = (k: string) => ({ key: key(k), signingKey: keyPairFromSeed(Buffer.from(validatorSecrets.get(key(k))!, "hex")) });
  await locklift.testing.increaseTime(suite.config.term + 1);
  await book.record("submitTermStats", n, async () => {
    const stats = new Map(members.map(([k]) => [key(k), { proposed: 3, missed: 0, signed: 10, fees: EVER }]));
    const enc = encodeTermStats({ networkId: suite.net.networkId, termId, blocks: 10, stats });
    const sigs = signaturesToTokens(signTermStats(enc.hash, members.map(([k]) => signer(k))));
    const txs = await suite.call(freshOwner(home), e0, suite.abi.elector, "submitTermStats", { termId, stats: enc.boc, signatures: sigs }, 10n * EVER);
    assertClean(txs, "submitTermStats");
    book.set("submitTermStats signers", n, { txs: members.length });
    return summarize(txs);
  });
  await book.record("reportDoubleVote", n, async () => {
    const local = members.find(([, v]) => Number(v.chainId) === home)!;
    const dv = makeDoubleVote({ networkId: suite.net.networkId, termId, height: 7, round: 1, validator: signer(local[0]), seed: 11 });
    const input = { validatorKey: `0x${key(local[0])}`, header1: dv.header1, r1: dv.rs1.r.toString(), s1: dv.rs1.s.toString(), header2: dv.header2, r2: dv.rs2.r.toString(), s2: dv.rs2.s.toString(), informant: freshOwner(home) };
    const txs = await suite.call(freshOwner(home), e0, suite.abi.elector, "reportDoubleVote", input, 10n * EVER);
    assertClean(txs, "reportDoubleVote");
    if (process.env.BENCH_DEBUG) console.error(txs.map((t) => `${t.account.slice(0, 8)} ${functionName(t.functionId)} gas ${t.gas} out ${t.outInternal} exit ${t.exitCode}`).join("\n"));
    const own = txs.filter((t) => functionName(t.functionId) === "DElectorConfig.reportDoubleVote");
    book.set("reportDoubleVote (elector tx)", n, summarize(own));
    return summarize(txs);
  });
}
