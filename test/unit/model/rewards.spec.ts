import { expect } from "chai";
import fc from "fast-check";
import {
  additionalRewards,
  checkRewardConservation,
  compareMissRate,
  distributeTermRewards,
  groupByMissRate,
  penalty,
  penaltyFactor,
  ModelError,
} from "../../../src/model";

describe("model/rewards: penalty (codechain-rules table, N = 300)", () => {
  const S = [300, 250, 200, 175, 150, 125, 100, 0];
  const rows: [bigint, bigint[]][] = [
    [1000n, [1000n, 950n, 900n, 500n, 100n, 50n, 0n, 0n]],
    [4321n, [4321n, 4104n, 3888n, 2160n, 432n, 216n, 0n, 0n]],
  ];
  for (const [R, expected] of rows) {
    S.forEach((s, i) => {
      it(`R = ${R}, S = ${s} → ${expected[i]}`, () => {
        expect(penalty(R, s, 300)).to.equal(expected[i]);
      });
    });
  }
  it("uses the factor table at the boundaries", () => {
    expect(penaltyFactor(200, 300)).to.deep.equal([3n, 7n]);
    expect(penaltyFactor(199, 300)).to.deep.equal([48n, -23n]);
    expect(penaltyFactor(150, 300)).to.deep.equal([48n, -23n]);
    expect(penaltyFactor(149, 300)).to.deep.equal([6n, -2n]);
    expect(penaltyFactor(100, 300)).to.deep.equal([6n, -2n]);
    expect(penaltyFactor(99, 300)).to.equal(null);
  });
  it("N = 0 keeps R; S > N is rejected", () => {
    expect(penalty(77n, 0, 0)).to.equal(77n);
    expect(() => penalty(1n, 4, 3)).to.throw(ModelError).with.property("code", "E_INVALID_ARGUMENT");
  });
  it("is monotone non-decreasing in S and ≤ R (property)", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 1, max: 5000 }), fc.nat(), fc.nat(), (R, N, a, b) => {
        const s1 = a % (N + 1);
        const s2 = b % (N + 1);
        const [lo, hi] = s1 <= s2 ? [s1, s2] : [s2, s1];
        expect(penalty(R, lo, N) <= penalty(R, hi, N)).to.equal(true);
        expect(penalty(R, hi, N) <= R).to.equal(true);
        expect(penalty(R, N, N)).to.equal(R);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("model/rewards: additional rewards (pool 100 table)", () => {
  const vals = [
    { key: "v21", proposed: 120, missed: 120, banned: false },
    { key: "v10", proposed: 60, missed: 59, banned: false },
    { key: "v00", proposed: 30, missed: 28, banned: false },
    { key: "v20", proposed: 60, missed: 60, banned: false },
    { key: "v11", proposed: 120, missed: 118, banned: false },
    { key: "v12", proposed: 120, missed: 118, banned: false },
  ];
  it("orders the groups by the exact fraction: 28/30 < 59/60 = 118/120 < 60/60 = 120/120", () => {
    expect(compareMissRate({ missed: 28, proposed: 30 }, { missed: 59, proposed: 60 })).to.equal(-1);
    expect(compareMissRate({ missed: 59, proposed: 60 }, { missed: 118, proposed: 120 })).to.equal(0);
    expect(compareMissRate({ missed: 118, proposed: 120 }, { missed: 60, proposed: 60 })).to.equal(-1);
    expect(compareMissRate({ missed: 60, proposed: 60 }, { missed: 120, proposed: 120 })).to.equal(0);
    expect(groupByMissRate(vals).map((g) => g.map((v) => v.key))).to.deep.equal([["v00"], ["v10", "v11", "v12"], ["v20", "v21"]]);
  });
  it("pays v00 50; v10, v11, v12 12 each; v20, v21 4 each; burns 6", () => {
    const { paid, burned } = additionalRewards(100n, vals);
    expect(Object.fromEntries(paid)).to.deep.equal({ v00: 50n, v10: 12n, v11: 12n, v12: 12n, v20: 4n, v21: 4n });
    expect(burned).to.equal(6n);
  });
  it("excludes banned validators and proposed = 0", () => {
    const { paid, burned } = additionalRewards(100n, [
      { key: "a", proposed: 10, missed: 0, banned: true },
      { key: "b", proposed: 0, missed: 0, banned: false },
      { key: "c", proposed: 10, missed: 5, banned: false },
    ]);
    expect(Object.fromEntries(paid)).to.deep.equal({ c: 50n });
    expect(burned).to.equal(50n);
  });
  it("stops at r = 0", () => {
    const { paid, burned } = additionalRewards(3n, [
      { key: "a", proposed: 1, missed: 0, banned: false },
      { key: "b", proposed: 1, missed: 1, banned: false },
      { key: "c", proposed: 1, missed: 2, banned: false },
    ]);
    // a: floor(3/2) = 1 → 2 left; b: floor(2/2) = 1 → 1 left; c: floor(1/2) = 0 → stop
    expect(Object.fromEntries(paid)).to.deep.equal({ a: 1n, b: 1n });
    expect(burned).to.equal(1n);
  });
  it("Σpaid + burned = pool (property)", () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.array(fc.record({ proposed: fc.integer({ min: 0, max: 50 }), missed: fc.integer({ min: 0, max: 200 }), banned: fc.boolean() }), { maxLength: 30 }),
        (pool, vs) => {
          const { paid, burned } = additionalRewards(pool, vs.map((v, i) => ({ key: `k${i}`, ...v })));
          let s = burned;
          for (const x of paid.values()) {
            expect(x > 0n).to.equal(true);
            s += x;
          }
          expect(s).to.equal(pool);
          expect(burned >= 0n).to.equal(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("model/rewards: distributeTermRewards", () => {
  it("applies the penalty, redistributes the pool and burns the rest", () => {
    const r = distributeTermRewards(300, [
      { key: "a", reward: 1000n, signed: 300, proposed: 10, missed: 0, banned: false },
      { key: "b", reward: 1000n, signed: 175, proposed: 10, missed: 5, banned: false },
      { key: "c", reward: 400n, signed: 300, proposed: 5, missed: 0, banned: true },
    ]);
    // b keeps 500 → pool 500 + banned c's 400 = 900; group a (0/10): floor(900/2) = 450; group b (5/10): floor(450/2) = 225
    expect(r.pool).to.equal(900n);
    expect(r.base.get("b")).to.equal(500n);
    expect(r.base.get("c")).to.equal(0n);
    expect(r.paid.get("a")).to.equal(1450n);
    expect(r.paid.get("b")).to.equal(725n);
    expect(r.paid.get("c")).to.equal(0n);
    expect(r.burned).to.equal(225n);
    expect(checkRewardConservation(r)).to.equal(true);
    expect(r.conserved).to.equal(true);
    expect(checkRewardConservation({ ...r, burned: r.burned + 1n })).to.equal(false);
  });
  it("Σpaid + burned = ΣR (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.array(
          fc.record({ reward: fc.bigInt({ min: 0n, max: 10n ** 13n }), s: fc.nat(), proposed: fc.integer({ min: 0, max: 40 }), missed: fc.integer({ min: 0, max: 80 }), banned: fc.boolean() }),
          { maxLength: 30 },
        ),
        (N, vs) => {
          const r = distributeTermRewards(N, vs.map((v, i) => ({ key: `k${i}`, reward: v.reward, signed: N === 0 ? 0 : v.s % (N + 1), proposed: v.proposed, missed: v.missed, banned: v.banned })));
          expect(checkRewardConservation(r)).to.equal(true);
          let total = 0n;
          for (const v of vs) total += v.reward;
          expect(r.totalReward).to.equal(total);
          vs.forEach((v, i) => {
            if (v.banned) expect(r.paid.get(`k${i}`)).to.equal(0n);
          });
        },
      ),
      { numRuns: 500 },
    );
  });
});
