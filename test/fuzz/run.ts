/**
 * Model-based fuzz runner (issue 8): fast-check generates sequences of {@link Op}; each sequence
 * runs on a fresh suite and on the reference model (src/model StakingModel, with the contracts'
 * one-unlocking-entry-per-root merge, docs/architecture.md §4); after every step the getters must
 * equal the model and the step must conserve coins. A failure is shrunk by fast-check and printed
 * as a replayable sequence (seed, path, ops).
 */
import fc from "fast-check";
import { ElectorModel, StakingModel } from "../../src/model";
import { applyModel, Op, opArb, resolveOp, showOp } from "./ops";
import { BUFFER, START_FREE, World } from "./world";

export interface FuzzOptions {
  /** number of sequences */
  runs: number;
  seed: number;
  /** operations per sequence (max) */
  opsPerRun: number;
  wallets?: number;
  roots?: number;
  /** log each sequence's progress */
  verbose?: boolean;
  /** fast-check replay path of a reported counterexample (with the same seed) */
  path?: string;
  /** log a progress line every this many sequences (long runs) */
  progressEvery?: number;
}

/** The contracts keep one unlocking entry per (wallet, root): unreleased entries merge at the latest releaseAt. */
function mergeUnlocking(m: StakingModel, owner: string, root: string): void {
  const w = m.wallet(owner);
  const open = w.unlocking.filter((u) => u.root === root && u.releaseAt > m.now);
  if (open.length < 2) return;
  const merged = { root, amount: open.reduce((s, u) => s + u.amount, 0n), releaseAt: Math.max(...open.map((u) => u.releaseAt)) };
  w.unlocking = [...w.unlocking.filter((u) => !open.includes(u)), merged];
}

/** Compares wallets `ws` and roots `rs` (indices) with the model; throws naming the first difference. */
async function check(world: World, m: StakingModel, step: string, ws: number[], rs: number[]): Promise<void> {
  const fail = (what: string) => {
    throw new Error(`${step}: ${what}`);
  };
  for (const i of ws) {
    const o = await world.observe(i);
    const owner = `w${i}`;
    const mw = m.wallet(owner);
    world.roots.forEach((_, r) => {
      const root = `r${r}`;
      const locked = mw.locked.get(root)?.amount ?? 0n;
      const unreleased = mw.unlocking.filter((u) => u.root === root && u.releaseAt > m.now).reduce((s, u) => s + u.amount, 0n);
      const p = o.positions[r];
      if (p.locked !== locked) fail(`wallet ${i} root ${r}: locked ${p.locked} ≠ model ${locked}`);
      if (p.pending !== 0n) fail(`wallet ${i} root ${r}: pending/revoking ${p.pending} after the queue drained`);
      const chainUnreleased = p.releaseAt > m.now ? p.unlocking : 0n;
      if (chainUnreleased !== unreleased) fail(`wallet ${i} root ${r}: unlocking ${chainUnreleased} ≠ model ${unreleased}`);
    });
    const modelFree = m.withdrawable(owner) + BUFFER;
    // storage fees come out of the buffer: free may be below the model by less than the buffer, never above
    if (o.free > modelFree || o.free <= modelFree - BUFFER) fail(`wallet ${i}: free ${o.free} vs model ${modelFree} (−storage)`);
    if (o.withdrawn !== world.wallets[i].withdrawn) fail(`wallet ${i}: withdrawn ${o.withdrawn} ≠ ${world.wallets[i].withdrawn}`);
  }
  for (const r of rs) {
    const { totalLocked, unsynced, delegation } = await world.rootLocked(r);
    if (totalLocked !== m.root(`r${r}`).totalLocked) fail(`root ${r}: totalLocked ${totalLocked} ≠ model ${m.root(`r${r}`).totalLocked}`);
    // the elector's registry follows the root: delegation = totalLocked once every delta is synced
    if (unsynced !== 0n || delegation !== totalLocked) fail(`root ${r}: elector delegation ${delegation}, unsynced ${unsynced}, totalLocked ${totalLocked}`);
  }
  const c = m.checkConservation();
  if (!c.ok) fail(`model conservation broken ${JSON.stringify(c, (_, v) => (typeof v === "bigint" ? v.toString() : v))}`);
}

const ELECTOR_KINDS = new Set(["nominate", "withdrawDeposit", "stats", "endTerm", "doubleVote"]);

/** Compares the elector's term, set and every root's account (and the root's mirror of it) with the model. */
async function checkElector(world: World, em: ElectorModel, deposits: bigint[], step: string): Promise<void> {
  const fail = (what: string) => {
    throw new Error(`${step}: ${what}`);
  };
  const t = await world.observeTerm();
  if (t.termId !== em.termId || t.termEndsAt !== em.termEndsAt) fail(`term ${t.termId} ends ${t.termEndsAt} ≠ model term ${em.termId} ends ${em.termEndsAt}`);
  const modelSet = em.validatorSet.map((v) => `${world.keys.indexOf(v.key)}:${v.votingPower}`).sort().join(",");
  const chainSet = [...t.set].map(([k, p]) => `${world.keys.indexOf(k)}:${p}`).sort().join(",");
  if (modelSet !== chainSet) fail(`validator set (root:power) ${chainSet} ≠ model ${modelSet}`);
  for (let r = 0; r < world.roots.length; r++) {
    const o = await world.observeRoot(r);
    const a = em.account(world.keys[r])!;
    const want = { state: a.state, deposit: a.deposit, delegation: em.delegationOf(a.key), nominationEnd: a.nominationEnd, custodyUntil: a.custodyUntil };
    const got = { state: o.state, deposit: o.deposit, delegation: o.delegation, nominationEnd: o.nominationEnd, custodyUntil: o.custodyUntil };
    const show = (x: object) => JSON.stringify(x, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    if (show(want) !== show(got)) fail(`root ${r} at the elector ${show(got)} ≠ model ${show(want)}`);
    // the root holds the elector's deposit plus a refunded one not yet withdrawn
    if (o.rootState !== o.state || o.rootDeposit !== o.deposit + deposits[r] || o.pendingDeposit !== 0n) fail(`root ${r} mirror: state ${o.rootState}, deposit ${o.rootDeposit}, pending ${o.pendingDeposit} ≠ elector ${o.state}, ${o.deposit} + refunded ${deposits[r]}`);
  }
}

/** Wallet and root indices an op touches (checked after the step; everything at the sequence end). */
function touched(op: Op, world: World): [number[], number[]] {
  const all = world.roots.map((_, i) => i);
  if (op.kind === "time") return [[], []];
  if (!("w" in op)) return [[], all]; // elector-level ops: every root (and the elector) is checked
  const w = [op.w];
  if (op.kind === "stake" || op.kind === "unlock" || op.kind === "claim") return [w, [op.r]];
  return [w, op.kind === "withdraw" ? all : []];
}

/** Operations applied since the process started, by `kind:ok|refused` (reported by the runners). */
export const STATS = new Map<string, number>();

/** Runs one sequence from the world's saved state; throws with the failing step. Returns the number of ops. */
/** Wall time by phase (create, restore, apply, check), milliseconds: where the fuzz spends its time. */
export const PROF: Record<string, number> = {};
const tick = (k: string, t0: number) => { PROF[k] = (PROF[k] ?? 0) + (performance.now() - t0); };
export async function runSequence(ops: Op[], world: World): Promise<number> {
  let t0 = performance.now();
  world.restore();
  tick("restore", t0);
  const m = new StakingModel(0);
  const em = world.electorModel();
  const deposits = world.roots.map(() => 0n);
  world.modelRoots(m);
  m.setNow(world.now());
  const wallets = world.wallets.length;
  // model wallets start empty: the buffer is outside the model
  for (let i = 0; i < wallets; i++) {
    m.wallets.set(`w${i}`, { owner: `w${i}`, free: 0n, pending: new Map(), locked: new Map(), unlocking: [] });
    m.deposit(`w${i}`, START_FREE);
  }
  for (const [k, generated] of ops.entries()) {
    const op = resolveOp(generated, m);
    const freeBefore = op.kind === "stakeMissingRoot" ? (await world.observe(op.w)).free : 0n;
    const electorOp = ELECTOR_KINDS.has(op.kind);
    t0 = performance.now();
    // statistics and the close need the term's end: the op moves the clock there first
    if (op.kind === "stats" || op.kind === "endTerm") await world.advanceTo(em.termEndsAt);
    const hashesBefore = electorOp ? await world.electorSideHashes() : "";
    const residue = await world.apply(op, em);
    tick("apply", t0);
    const step = `op #${k} ${showOp(op)}`;
    if (residue !== 0n) throw new Error(`${step}: conservation residue ${residue} nanoevers`);
    if (op.kind === "stakeMissingRoot") {
      // the bounced requestStake's value stays in the wallet as free balance (docs/messages.md §2): model it as a deposit
      const gained = (await world.observe(op.w)).free - freeBefore;
      if (gained > 0n) m.deposit(`w${op.w}`, gained);
    }
    const ok = applyModel(m, em, world.keys, deposits, op, world.now());
    // a refusal changes nothing at the elector or any root
    if (electorOp && !ok && (await world.electorSideHashes()) !== hashesBefore) throw new Error(`${step}: refused by the model, but the elector's or a root's data changed`);
    const key = `${op.kind}:${ok ? "ok" : "refused"}`;
    STATS.set(key, (STATS.get(key) ?? 0) + 1);
    if (process.env.FUZZ_TRACE) console.log(`  ${key} ${showOp(op)}`);
    if (ok && op.kind === "unlock") mergeUnlocking(m, `w${op.w}`, `r${op.r}`);
    if (ok && op.kind === "withdraw") world.wallets[op.w].withdrawn += op.amount;
    const [ws, rs] = touched(op, world);
    t0 = performance.now();
    await check(world, m, step, ws, rs);
    // a refusal was shown to change nothing above: the last full comparison still holds
    if (electorOp && ok) await checkElector(world, em, deposits, step);
    tick("check", t0);
  }
  await check(world, m, "end of sequence", world.wallets.map((_, i) => i), world.roots.map((_, i) => i));
  await checkElector(world, em, deposits, "end of sequence");
  return ops.length;
}

/** Sequences run by the last {@link runFuzz} (a replay runs one). */
export let LAST_SEQUENCES = 0;

/** fast-check property over sequences; returns the total number of ops run. */
export async function runFuzz(opts: FuzzOptions): Promise<number> {
  const wallets = opts.wallets ?? 3;
  const roots = opts.roots ?? 2;
  let total = 0;
  let sequences = 0;
  const started = Date.now();
  const t0 = performance.now();
  const world = await World.create(roots, wallets);
  tick("create", t0);
  world.save();
  await fc.assert(
    fc.asyncProperty(fc.array(opArb(wallets, roots), { minLength: 1, maxLength: opts.opsPerRun, size: "max" }), async (ops) => {
      total += await runSequence(ops, world);
      sequences += 1;
      LAST_SEQUENCES = sequences;
      if (opts.progressEvery && sequences % opts.progressEvery === 0) console.log(`fuzz: ${sequences} sequences, ${total} ops, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }),
    { seed: opts.seed, numRuns: opts.runs, verbose: opts.verbose ? 1 : 0, endOnFailure: false, ...(opts.path ? { path: opts.path } : {}) },
  );
  return total;
}
