import { expect } from "chai";
import fc from "fast-check";
import { ACC_PRECISION, ModelError, StakingModel } from "../../../src/model";

function expectCode(f: () => unknown, code: string): void {
  expect(f).to.throw(ModelError).with.property("code", code);
}

function model(): StakingModel {
  const m = new StakingModel(1000);
  m.addRoot("r", { lockPeriod: 100, unlockPeriod: 50, minStake: 10n, capacity: 1000n, commission: 100 });
  m.deposit("w", 1000n);
  return m;
}

describe("model/staking: wallet ⇄ root flow", () => {
  it("stake → pending → lock (lockUntil = now + lockPeriod)", () => {
    const m = model();
    m.stake("w", "r", 400n);
    expect(m.wallet("w").free).to.equal(600n);
    expect(m.wallet("w").pending.get("r")).to.equal(400n);
    expect(m.resolveStake("w", "r", 400n)).to.deep.equal({ locked: true, lockUntil: 1100 });
    expect(m.wallet("w").locked.get("r")).to.deep.equal({ amount: 400n, lockUntil: 1100 });
    expect(m.root("r").totalLocked).to.equal(400n);
    m.setNow(1050);
    m.stake("w", "r", 100n);
    m.acceptStake("w", "r", 100n);
    expect(m.wallet("w").locked.get("r")).to.deep.equal({ amount: 500n, lockUntil: 1150 });
    expect(m.checkConservation().ok).to.equal(true);
  });
  it("the root rejects (back to free): inactive, under minStake, over capacity", () => {
    const m = model();
    m.stake("w", "r", 5n);
    expect(m.resolveStake("w", "r", 5n)).to.deep.equal({ locked: false, reason: "E_STAKE_TOO_SMALL" });
    m.deposit("w", 1000n);
    m.stake("w", "r", 1001n);
    expect(m.resolveStake("w", "r", 1001n)).to.deep.equal({ locked: false, reason: "E_ROOT_FULL" });
    m.setRootActive("r", false);
    m.stake("w", "r", 20n);
    expect(m.resolveStake("w", "r", 20n)).to.deep.equal({ locked: false, reason: "E_ROOT_INACTIVE" });
    expect(m.wallet("w").free).to.equal(2000n);
    expect(m.wallet("w").pending.size).to.equal(0);
    expectCode(() => m.stake("w", "r", 2001n), "E_INSUFFICIENT_FREE");
    expectCode(() => m.resolveStake("w", "r", 1n), "E_NO_PENDING");
    expectCode(() => m.stake("w", "nope", 1n), "E_UNKNOWN_ROOT");
  });
  it("unlock: releaseAt = max(lockUntil, now) + unlockPeriod; withdraw only free and only after release", () => {
    const m = model();
    m.stake("w", "r", 400n);
    m.resolveStake("w", "r", 400n); // lockUntil 1100
    m.setNow(1010);
    expect(m.unlock("w", "r", 100n)).to.equal(1150); // before lockUntil
    expectCode(() => m.unlock("w", "r", 301n), "E_INSUFFICIENT_LOCKED");
    expectCode(() => m.withdraw("w", 601n), "E_INSUFFICIENT_FREE");
    m.withdraw("w", 600n);
    m.setNow(1149);
    expectCode(() => m.withdraw("w", 1n), "E_INSUFFICIENT_FREE");
    m.setNow(1150);
    expect(m.withdrawable("w")).to.equal(100n);
    m.withdraw("w", 100n);
    m.setNow(2000);
    expect(m.unlock("w", "r", 300n)).to.equal(2050); // after lockUntil
    expect(m.wallet("w").locked.has("r")).to.equal(false);
    expect(m.settle("w")).to.equal(0n);
    m.setNow(2050);
    expect(m.settle("w")).to.equal(300n);
    expect(m.wallet("w").free).to.equal(300n);
    expect(m.withdrawn).to.equal(700n);
    expect(m.checkConservation().ok).to.equal(true);
  });
  it("slash takes floor(x·rate/1000) of each locked position and each unlocking entry of the root", () => {
    const m = model();
    m.addRoot("q");
    m.deposit("v", 1000n);
    for (const [w, a] of [["w", 333n], ["v", 999n]] as const) {
      m.stake(w, "r", a);
      m.acceptStake(w, "r", a);
    }
    m.stake("w", "q", 100n);
    m.acceptStake("w", "q", 100n);
    m.unlock("v", "r", 99n);
    // 100‰: w locked 333 → 33; v locked 900 → 90; v unlocking 99 → 9; q untouched
    expect(m.slash("r", 100)).to.equal(132n);
    expect(m.wallet("w").locked.get("r")!.amount).to.equal(300n);
    expect(m.wallet("v").locked.get("r")!.amount).to.equal(810n);
    expect(m.wallet("v").unlocking[0].amount).to.equal(90n);
    expect(m.wallet("w").locked.get("q")!.amount).to.equal(100n);
    expect(m.root("r").totalLocked).to.equal(1110n);
    expect(m.slashed).to.equal(132n);
    expectCode(() => m.slash("r", 1001), "E_INVALID_PARAM");
    expect(m.checkConservation().ok).to.equal(true);
  });
  it("returnAll: a root that becomes Eligible/Banned returns its locked stakes as free at once", () => {
    const m = model();
    m.stake("w", "r", 400n);
    m.acceptStake("w", "r", 400n);
    expect(m.returnAll("r")).to.equal(400n);
    expect(m.wallet("w").free).to.equal(1000n);
    expect(m.root("r").totalLocked).to.equal(0n);
    expect(m.checkConservation().ok).to.equal(true);
  });
});

describe("model/staking: root rewards", () => {
  it("commission floor(R·c/1000) to the validator, the rest pro rata to locked stake", () => {
    const m = model(); // commission 100‰
    m.deposit("v", 1000n);
    m.stake("w", "r", 100n);
    m.acceptStake("w", "r", 100n);
    m.stake("v", "r", 200n);
    m.acceptStake("v", "r", 200n);
    expect(m.reward("r", 1000n)).to.deep.equal({ commission: 100n, distributed: 900n });
    expect(m.pendingReward("w", "r")).to.equal(300n);
    expect(m.claim("w", "r")).to.equal(300n);
    expect(m.claim("v", "r")).to.equal(600n);
    expect(m.root("r").rewardBalance).to.equal(0n);
    expect(m.checkConservation().ok).to.equal(true);
  });
  it("keeps the flooring dust in the root, accounted exactly", () => {
    const m = new StakingModel();
    m.addRoot("r");
    for (const [w, a] of [["a", 1n], ["b", 2n]] as const) {
      m.deposit(w, a);
      m.stake(w, "r", a);
      m.acceptStake(w, "r", a);
    }
    m.reward("r", 1000n);
    const delta = (1000n * ACC_PRECISION) / 3n;
    expect(m.root("r").acc).to.equal(delta);
    expect(m.root("r").dustScaled).to.equal(1000n * ACC_PRECISION - 3n * delta);
    expect(m.claim("a", "r")).to.equal(333n);
    expect(m.claim("b", "r")).to.equal(666n);
    expect(m.root("r").rewardBalance).to.equal(1n);
    expect(m.checkConservation().ok).to.equal(true);
  });
  it("rewards with nothing locked are dust; stakes joining later earn only later rewards", () => {
    const m = new StakingModel();
    m.addRoot("r");
    m.reward("r", 50n);
    m.deposit("a", 10n);
    m.stake("a", "r", 10n);
    m.acceptStake("a", "r", 10n);
    expect(m.pendingReward("a", "r")).to.equal(0n);
    m.reward("r", 20n);
    expect(m.pendingReward("a", "r")).to.equal(20n);
    m.unlock("a", "r", 10n);
    m.reward("r", 5n);
    expect(m.claim("a", "r")).to.equal(20n);
    expect(m.root("r").rewardBalance).to.equal(55n);
    expect(m.checkConservation().ok).to.equal(true);
  });
});

describe("model/staking: conservation under random operations (property)", () => {
  const W = ["a", "b", "c"];
  const R = ["r1", "r2"];
  const amt = fc.bigInt({ min: 1n, max: 5000n });
  const op = fc.oneof(
    fc.record({ t: fc.constant("deposit"), w: fc.constantFrom(...W), x: amt }),
    fc.record({ t: fc.constant("stake"), w: fc.constantFrom(...W), r: fc.constantFrom(...R), x: amt }),
    fc.record({ t: fc.constant("resolve"), w: fc.constantFrom(...W), r: fc.constantFrom(...R), x: amt }),
    fc.record({ t: fc.constant("reject"), w: fc.constantFrom(...W), r: fc.constantFrom(...R), x: amt }),
    fc.record({ t: fc.constant("unlock"), w: fc.constantFrom(...W), r: fc.constantFrom(...R), x: amt }),
    fc.record({ t: fc.constant("withdraw"), w: fc.constantFrom(...W), x: amt }),
    fc.record({ t: fc.constant("slash"), r: fc.constantFrom(...R), rate: fc.integer({ min: 0, max: 1000 }) }),
    fc.record({ t: fc.constant("reward"), r: fc.constantFrom(...R), x: amt }),
    fc.record({ t: fc.constant("claim"), w: fc.constantFrom(...W), r: fc.constantFrom(...R) }),
    fc.record({ t: fc.constant("returnAll"), r: fc.constantFrom(...R) }),
    fc.record({ t: fc.constant("time"), dt: fc.integer({ min: 0, max: 300 }) }),
    fc.record({ t: fc.constant("active"), r: fc.constantFrom(...R), on: fc.boolean() }),
  );
  /** Mostly valid amounts: x, capped to what is there when something is there. */
  const clamp = (x: bigint, have: bigint | undefined) => (have && have > 0n && x > have ? have : x);
  it("Σ(free + pending + locked + unlocking) + withdrawn + slashed = deposits + claimed; reward identities hold", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const m = new StakingModel();
        m.addRoot("r1", { lockPeriod: 100, unlockPeriod: 60, minStake: 5n, capacity: 8000n, commission: 37 });
        m.addRoot("r2", { lockPeriod: 0, unlockPeriod: 200, commission: 0 });
        for (const o of ops) {
          const before = JSON.stringify(m.checkConservation(), (_, v) => (typeof v === "bigint" ? v.toString() : v));
          try {
            switch (o.t) {
              case "deposit": m.deposit(o.w, o.x); break;
              case "stake": m.stake(o.w, o.r, o.x); break;
              case "resolve": m.resolveStake(o.w, o.r, clamp(o.x, m.wallets.get(o.w)?.pending.get(o.r))); break;
              case "reject": m.rejectStake(o.w, o.r, clamp(o.x, m.wallets.get(o.w)?.pending.get(o.r))); break;
              case "unlock": m.unlock(o.w, o.r, clamp(o.x, m.wallets.get(o.w)?.locked.get(o.r)?.amount)); break;
              case "withdraw": m.withdraw(o.w, o.x); break;
              case "slash": m.slash(o.r, o.rate); break;
              case "reward": m.reward(o.r, o.x); break;
              case "claim": if (m.wallets.has(o.w)) m.claim(o.w, o.r); break;
              case "returnAll": m.returnAll(o.r); break;
              case "time": m.setNow(m.now + o.dt); break;
              case "active": m.setRootActive(o.r, o.on); break;
            }
          } catch (e) {
            if (!(e instanceof ModelError)) throw e;
            // a failing call changes nothing
            expect(JSON.stringify(m.checkConservation(), (_, v) => (typeof v === "bigint" ? v.toString() : v))).to.equal(before);
          }
          const c = m.checkConservation();
          expect(c.ok, JSON.stringify(c, (_, v) => (typeof v === "bigint" ? v.toString() : v))).to.equal(true);
          for (const w of m.wallets.values()) {
            expect(w.free >= 0n).to.equal(true);
            for (const u of w.unlocking) expect(u.amount > 0n).to.equal(true);
          }
          for (const r of m.roots.values()) expect(r.rewardBalance >= 0n).to.equal(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
