/**
 * The demo's validators from p34, and what the seed's constants make of the real distribution:
 * equal real weights → equal delegations, so the 34 capped validators tie at the MAX = 30 cut and
 * only MIN are elected; with MAX = 100 the election gives exactly the 100 real main validators.
 */
import { expect } from "chai";
import { elect, SEED_PARAMS } from "../../../src/model";
import { planValidators } from "../../../src/ops/realset";
import { loadRealValidatorSet } from "../../../src/network/p34";

describe("ops: real validator plan", () => {
  const plan = planValidators();
  const cands = plan.validators.map((v) => ({ key: v.key, deposit: v.deposit, delegation: v.delegation, order: 1 }));
  const params = { maxValidators: SEED_PARAMS.MAX_NUM_OF_VALIDATORS, minValidators: SEED_PARAMS.MIN_NUM_OF_VALIDATORS, delegationThreshold: SEED_PARAMS.DELEGATION_THRESHOLD, minDeposit: SEED_PARAMS.MIN_DEPOSIT };

  it("loads every p34 key once, spread over workchains 0, 1, 2, with distinct signing keys", () => {
    const real = loadRealValidatorSet();
    expect(plan.validators).to.have.length(real.total);
    expect(new Set(plan.validators.map((v) => v.key)).size).to.equal(real.total);
    expect(new Set(plan.validators.map((v) => v.signingKeyHex)).size).to.equal(real.total);
    for (const c of [0, 1, 2]) expect(plan.validators.filter((v) => v.chain === c).length).to.be.within(62, 63);
    expect(plan.validators.filter((v) => v.main)).to.have.length(real.main);
  });

  it("delegations are proportional to the real weights; equal weights are equal", () => {
    const real = loadRealValidatorSet();
    const sum = plan.validators.reduce((a, v) => a + v.delegation, 0n);
    expect(plan.totalStake - sum >= 0n && plan.totalStake - sum < BigInt(real.total)).to.equal(true);
    real.validators.forEach((a, i) =>
      real.validators.forEach((b, j) => {
        if (a.weight === b.weight) expect(plan.validators[i].delegation).to.equal(plan.validators[j].delegation);
      }),
    );
    expect(plan.validators.every((v) => v.deposit >= SEED_PARAMS.MIN_DEPOSIT)).to.equal(true);
  });

  it("seed constants: the tie at the MAX cut elects only MIN validators", () => {
    expect(elect(cands, params)).to.have.length(SEED_PARAMS.MIN_NUM_OF_VALIDATORS);
  });

  it("MAX = 100: the election gives the 100 real main validators", () => {
    const set = elect(cands, { ...params, maxValidators: 100 });
    expect(set).to.have.length(100);
    expect(new Set(set.map((e) => e.key))).to.deep.equal(new Set(plan.validators.filter((v) => v.main).map((v) => v.key)));
  });
});
