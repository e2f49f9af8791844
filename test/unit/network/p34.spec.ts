import { expect } from "chai";
import { EVER_MAIN_CONFIG } from "../../../src/network/config";
import { NANO } from "../../../src/model/types";
import { DEFAULT_TOTAL_STAKE, loadRealValidatorSet, weightsToStakes } from "../../../src/network/p34";

describe("network/p34: the real Everscale validator set", () => {
  const set = loadRealValidatorSet();

  it("decodes 187 validators, 100 main, validators_ext#12 with utimes", () => {
    expect(set.total).to.equal(187);
    expect(set.main).to.equal(100);
    expect(set.validators).to.have.length(187);
    expect(set.utimeSince).to.equal(1688339886);
    expect(set.utimeUntil).to.equal(1688405422);
    expect(set.validators.map(v => v.index)).to.deep.equal([...Array(187).keys()]);
  });

  it("keys are unique 64-hex; every entry has an ADNL address", () => {
    const keys = set.validators.map(v => v.publicKey);
    for (const k of keys) expect(k).to.match(/^[0-9a-f]{64}$/);
    expect(new Set(keys).size).to.equal(187);
    for (const v of set.validators) expect(v.adnlAddr).to.match(/^[0-9a-f]{64}$/);
  });

  it("Σ weights = total_weight (≈ 2^60); weights within the max_stake_factor 3", () => {
    const sum = set.validators.reduce((a, v) => a + v.weight, 0n);
    expect(sum).to.equal(set.totalWeight);
    expect(set.totalWeight).to.equal(1152921504606846891n);
    const ws = set.validators.map(v => v.weight);
    const max = ws.reduce((a, b) => (a > b ? a : b));
    const min = ws.reduce((a, b) => (a < b ? a : b));
    expect(max).to.equal(8270852374098919n);
    expect(min).to.equal(2756950791366306n);
    expect(max - 3n * min).to.equal(1n); // capped stakes = 3 × the smallest (param 17 factor 3), ±1 rounding
    // every validator below 1% of the total
    for (const w of ws) expect(w * 100n < set.totalWeight).to.equal(true);
  });

  it("param 32 (previous set) decodes too: 189 validators", () => {
    const prev = loadRealValidatorSet(EVER_MAIN_CONFIG, 32);
    expect(prev.total).to.equal(189);
    expect(prev.validators).to.have.length(189);
    expect(prev.utimeUntil).to.equal(set.utimeSince);
  });

  it("weightsToStakes: Σ = the chosen total exactly, proportional, deterministic", () => {
    const stakes = weightsToStakes(set.validators);
    expect(stakes.reduce((a, b) => a + b, 0n)).to.equal(DEFAULT_TOTAL_STAKE);
    expect(DEFAULT_TOTAL_STAKE).to.equal(1_000_000_000n * NANO);
    set.validators.forEach((v, i) => {
      const exact = (DEFAULT_TOTAL_STAKE * v.weight) / set.totalWeight;
      expect(stakes[i] - exact >= 0n && stakes[i] - exact <= 1n).to.equal(true);
    });
    expect(weightsToStakes(set.validators)).to.deep.equal(stakes);
    const custom = weightsToStakes(set.validators, { totalStake: 12_345_678_901n });
    expect(custom.reduce((a, b) => a + b, 0n)).to.equal(12_345_678_901n);
  });

  it("weightsToStakes: remainder goes to the largest fractions, ties by lower index", () => {
    expect(weightsToStakes([{ weight: 1n }, { weight: 1n }, { weight: 1n }], { totalStake: 10n })).to.deep.equal([4n, 3n, 3n]);
    expect(weightsToStakes([{ weight: 1n }, { weight: 2n }], { totalStake: 10n })).to.deep.equal([3n, 7n]);
    expect(weightsToStakes([], { totalStake: 10n })).to.deep.equal([]);
    expect(() => weightsToStakes([{ weight: 0n }], { totalStake: 10n })).to.throw();
  });
});
