/**
 * Model-based fuzz, CI size (issue 8): a fixed seed, a few short random sequences of staking
 * operations (deposit, stake, unlock, withdraw, claim, time jumps, stakes bounced by a missing
 * root) on fresh suites; after every step the getters equal the reference model and no coin is
 * lost or created. Long runs: `npm run fuzz -- --runs N --seed S`.
 */
import { expect } from "chai";
import { runFuzz } from "../fuzz/run";
import { enableSignatureChecks } from "../helpers";
import { executor } from "../../bench/lib/executor";

describe("model-based fuzz (fixed seed, short)", function () {
  this.timeout(300_000);
  before(() => enableSignatureChecks());
  // the fuzz restores executor snapshots (state and clock): it runs in its own process (npm run test:fuzz)
  after(() => executor().resetBlockchainState());

  it("random staking sequences keep the contracts equal to the model, 0 lost", async () => {
    const ops = await runFuzz({ runs: 6, seed: 20261121, opsPerRun: 20 });
    expect(ops).to.be.greaterThan(0);
  });
});
