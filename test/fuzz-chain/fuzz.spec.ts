/**
 * Model-based fuzz, CI size (issue 8): a fixed seed, short random sequences of staking operations
 * (deposit, stake, unlock, withdraw, claim, time jumps, stakes bounced by a missing root) and
 * elector-level ones (nomination top-up, refused deposit withdrawal, term statistics signed above
 * and at/below 2/3 of the power, term close with the election, expiry and the roots' Return jobs,
 * double-vote reports with the ban and the Ban job's slash) on a fresh standalone suite; after
 * every step the getters equal the reference model, refusals change nothing, and no coin is lost
 * or created. Long runs: `npm run fuzz -- --runs N --seed S --ops K`.
 */
import { expect } from "chai";
import { runFuzz, STATS } from "../fuzz/run";
import { OP_KINDS } from "../fuzz/ops";
import { enableSignatureChecks } from "../helpers";
import { executor } from "../../src/dev/executor";

describe("model-based fuzz (fixed seed, short)", function () {
  this.timeout(300_000);
  before(() => enableSignatureChecks());
  // the fuzz restores executor snapshots (state and clock): it runs in its own process (npm run test:fuzz)
  after(() => executor().resetBlockchainState());

  it("random staking and elector sequences keep the contracts equal to the model, 0 lost", async () => {
    STATS.clear();
    console.log(`      fuzz: 10 sequences × ≤ 30 ops, seed 20261121`);
    const ops = await runFuzz({ runs: 10, seed: 20261121, opsPerRun: 30 });
    expect(ops).to.be.greaterThan(100);
    const seen = (k: string) => [...STATS.keys()].filter((x) => x.startsWith(`${k}:`)).length > 0;
    // the fixed seed meets every kind of op, and both outcomes of the signature rule
    for (const kind of OP_KINDS) expect(seen(kind), `op kind ${kind} never generated`).to.equal(true);
    console.log(`      fuzz: ${ops} ops ${JSON.stringify(Object.fromEntries([...STATS].sort()))}`);
    for (const key of ["stats:ok", "stats:refused", "endTerm:ok", "doubleVote:ok", "stake:ok", "unlock:ok", "withdraw:ok"]) expect(STATS.get(key) ?? 0, key).to.be.greaterThan(0);
  });
});
