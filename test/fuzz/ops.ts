/**
 * Model-based fuzzing operations (issue 8): fast-check arbitraries of staking operations, their
 * effect on the reference model (src/model StakingModel) and on the deployed contracts.
 * Amounts are nanoevers (bigint), time jumps seconds. Indices pick wallets/roots of the world.
 */
import fc from "fast-check";
import { StakingModel, ModelError } from "../../src/model";
import { EVER } from "../../bench/lib/suite";

export type Op =
  | { kind: "deposit"; w: number; amount: bigint }
  | { kind: "stake"; w: number; r: number; amount: bigint }
  | { kind: "unlock"; w: number; r: number; amount: bigint }
  | { kind: "withdraw"; w: number; amount: bigint }
  | { kind: "claim"; w: number; r: number }
  | { kind: "time"; seconds: number }
  | { kind: "stakeMissingRoot"; w: number; amount: bigint };

const amount = fc.bigInt({ min: 1n, max: 50n }).map((x) => x * EVER);

/** One random operation over `wallets` wallets and `roots` roots. */
export function opArb(wallets: number, roots: number): fc.Arbitrary<Op> {
  const w = fc.nat({ max: wallets - 1 });
  const r = fc.nat({ max: roots - 1 });
  // weights: coins must come in (deposit) and get staked for the other operations to matter
  return fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant("deposit" as const), w, amount }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant("stake" as const), w, r, amount }), weight: 4 },
    { arbitrary: fc.record({ kind: fc.constant("unlock" as const), w, r, amount }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant("withdraw" as const), w, amount }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant("claim" as const), w, r }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant("time" as const), seconds: fc.integer({ min: 1, max: 20_000 }) }), weight: 2 },
    { arbitrary: fc.record({ kind: fc.constant("stakeMissingRoot" as const), w, amount }), weight: 1 },
  );
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
export function applyModel(m: StakingModel, op: Op, now: number): boolean {
  const w = `w${"w" in op ? op.w : 0}`;
  try {
    m.setNow(now);
    switch (op.kind) {
      case "deposit":
        m.deposit(w, op.amount);
        return true;
      case "stake":
        m.stake(w, `r${op.r}`, op.amount);
        m.resolveStake(w, `r${op.r}`, op.amount);
        return true;
      case "unlock":
        m.unlock(w, `r${op.r}`, op.amount);
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
