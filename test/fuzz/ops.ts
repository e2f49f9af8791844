/**
 * Model-based fuzzing operations (issue 8): fast-check arbitraries of staking operations, their
 * effect on the reference model (src/model StakingModel) and on the deployed contracts.
 * Amounts are nanoevers (bigint), time jumps seconds. Indices pick wallets/roots of the world.
 */
import fc from "fast-check";
import { ElectorModel, StakingModel, ModelError } from "../../src/model";
import { EVER } from "../../bench/lib/suite";
import { applyElectorModel, electorArbs, ElectorOp } from "./electorOps";
import { BUFFER } from "./world";

/**
 * `share` (1..100, percent), when set, replaces `amount` at run time by that share of what the
 * model holds (free for stake/withdraw, locked for unlock), so valid operations are frequent;
 * `amount` alone exercises refusals too. {@link resolveOp} makes the op concrete.
 */
export type Op =
  | { kind: "deposit"; w: number; amount: bigint }
  | { kind: "stake"; w: number; r: number; amount: bigint; share?: number }
  | { kind: "unlock"; w: number; r: number; amount: bigint; share?: number }
  | { kind: "withdraw"; w: number; amount: bigint; share?: number }
  | { kind: "claim"; w: number; r: number }
  | { kind: "time"; seconds: number }
  | { kind: "stakeMissingRoot"; w: number; amount: bigint }
  | ElectorOp;

/** Every op kind: the CI run asserts its fixed seed meets each one. */
export const OP_KINDS = ["deposit", "stake", "unlock", "withdraw", "claim", "time", "stakeMissingRoot", "nominate", "withdrawDeposit", "stats", "endTerm", "doubleVote"] as const;

const amount = fc.bigInt({ min: 1n, max: 50n }).map((x) => x * EVER);
const share = fc.option(fc.integer({ min: 1, max: 100 }), { freq: 3, nil: undefined }).map((x) => (x === undefined ? undefined : x));

/** One random operation over `wallets` wallets and `roots` roots. */
export function opArb(wallets: number, roots: number): fc.Arbitrary<Op> {
  const w = fc.nat({ max: wallets - 1 });
  const r = fc.nat({ max: roots - 1 });
  // weights: coins must come in (deposit) and get staked for the other operations to matter
  return fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant("deposit" as const), w, amount }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant("stake" as const), w, r, amount, share }, { requiredKeys: ["kind", "w", "r", "amount"] }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant("unlock" as const), w, r, amount, share }, { requiredKeys: ["kind", "w", "r", "amount"] }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant("withdraw" as const), w, amount, share }, { requiredKeys: ["kind", "w", "amount"] }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant("claim" as const), w, r }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant("time" as const), seconds: fc.integer({ min: 1, max: 20_000 }) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant("stakeMissingRoot" as const), w, amount }), weight: 1 },
    ...electorArbs(roots),
  );
}

/**
 * The op with `share` turned into a concrete amount from the model's state (≥ 1 nanoever). When the
 * chosen wallet (and root) hold nothing, the next wallet/root that does is taken (deterministic), so
 * unlocks and withdrawals meet locked and free coins often.
 */
export function resolveOp(op: Op, m: StakingModel): Op {
  // released unlocking coins are free (the wallet settles before a stake, as before a withdrawal)
  for (const owner of m.wallets.keys()) m.settle(owner);
  return clearOfBuffer(resolveShare(op, m), m);
}

/**
 * The chain's free balance is the model's plus the buffer (minus storage fees): an amount just above
 * the model's free coins, within the buffer, would be taken on chain and refused by the model. Such an
 * amount is moved 1 EVER above the buffer, so a refusal is a refusal on both sides.
 */
function clearOfBuffer(op: Op, m: StakingModel): Op {
  if (op.kind !== "stake" && op.kind !== "withdraw" && op.kind !== "stakeMissingRoot") return op;
  const w = m.wallets.get(`w${op.w}`);
  const have = !w ? 0n : op.kind === "withdraw" ? m.withdrawable(`w${op.w}`) : w.free;
  return op.amount > have && op.amount <= have + BUFFER ? { ...op, amount: have + BUFFER + EVER } : op;
}

function resolveShare(op: Op, m: StakingModel): Op {
  if (!("share" in op) || op.share === undefined) return op;
  const nW = m.wallets.size;
  const nR = [...m.roots.keys()].filter((k) => k !== "missing").length;
  const base = (w: number, r: number): bigint => {
    const wal = m.wallets.get(`w${w}`);
    if (!wal) return 0n;
    if (op.kind === "unlock") return wal.locked.get(`r${r}`)?.amount ?? 0n;
    return op.kind === "withdraw" ? m.withdrawable(`w${w}`) : wal.free;
  };
  const r0 = "r" in op ? op.r : 0;
  for (let i = 0; i < nW * Math.max(nR, 1); i++) {
    const w = (op.w + Math.floor(i / Math.max(nR, 1))) % nW;
    const r = op.kind === "unlock" ? (r0 + i) % nR : r0;
    const b = base(w, r);
    if (b === 0n) continue;
    const amount = (b * BigInt(op.share)) / 100n;
    const { share: _s, ...rest } = op;
    return { ...rest, w, ...("r" in op ? { r } : {}), amount: amount > 0n ? amount : 1n } as Op;
  }
  const { share: _s, ...rest } = op;
  return rest as Op;
}

/** Printable form of an op (for the replayable failure report). */
export function showOp(op: Op): string {
  return JSON.stringify(op, (_, v) => (typeof v === "bigint" ? `${v}n` : v));
}

/**
 * Applies `op` to the model. Returns false when the model refuses it (the contracts must refuse
 * it too, without a state change). Roots are "r0".."rN", wallets "w0".."wN"; the missing root is
 * "missing" (never registered: a bounce, pending → free).
 */
export function applyModel(m: StakingModel, em: ElectorModel, keys: string[], deposits: bigint[], op: Op, now: number): boolean {
  const w = `w${"w" in op ? op.w : 0}`;
  try {
    m.setNow(now);
    em.setNow(now);
    switch (op.kind) {
      case "nominate":
      case "withdrawDeposit":
      case "stats":
      case "endTerm":
      case "doubleVote":
        applyElectorModel(em, m, keys, op, deposits);
        return true;
      case "deposit":
        m.deposit(w, op.amount);
        return true;
      case "stake":
        m.stake(w, `r${op.r}`, op.amount);
        // an accepted stake is the root's delegation at the elector (delegator: the root's stakers)
        if (m.resolveStake(w, `r${op.r}`, op.amount).locked) em.delegate(`r${op.r}`, keys[op.r], op.amount);
        return true;
      case "unlock":
        m.unlock(w, `r${op.r}`, op.amount);
        em.revoke(`r${op.r}`, keys[op.r], op.amount);
        return true;
      case "withdraw":
        m.withdraw(w, op.amount);
        return true;
      case "claim":
        m.claim(w, `r${op.r}`);
        return true;
      case "time":
        return true;
      case "stakeMissingRoot":
        if (!m.roots.has("missing")) m.addRoot("missing");
        m.stake(w, "missing", op.amount);
        m.rejectStake(w, "missing", op.amount);
        return true;
    }
  } catch (e) {
    if (e instanceof ModelError) return false;
    throw e;
  }
}
