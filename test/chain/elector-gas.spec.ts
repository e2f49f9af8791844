/**
 * DElectorConfig gas at scale (issue 4): delegate / revoke / nominate hops and a whole term close +
 * election with N candidates registered (N = 400 by default; ELECTOR_GAS_N overrides, e.g. 10000).
 * Prints `description.compute.gasUsed` of each measured transaction (the numbers of the issue-4 report);
 * asserts the functional outcome of each measured call, not gas targets.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { makeWallet, timeTravel } from "../helpers";
import { callFrom, deployElector, ElectorSetup, eventsOf, randomKey } from "./elector.kit";

const N = Number(process.env.ELECTOR_GAS_N ?? 400);
const TERM = 1000;

describe(`DElectorConfig gas with ${N} candidates (issue 4)`, function () {
  this.timeout(3_600_000);
  let s: ElectorSetup;
  let owner: Address;
  const keys: string[] = [];
  const roots: Address[] = [];
  const gas: Record<string, number[]> = {};
  const note = (k: string, g: number) => (gas[k] ??= []).push(g);

  before(async () => {
    s = await deployElector({ config: { term: TERM, reportTimeout: 10, minValidators: 4, maxValidators: 30, delegationThreshold: "1", minDeposit: "100", minStake: "1", minUnlockPeriod: 0 } as never });
    owner = (await makeWallet(1000)).address;
    for (let i = 0; i < N; i++) {
      const key = randomKey();
      const d = await callFrom(s.elector, owner, "deployRoot", { validatorKey: key, lockPeriod: 0, unlockPeriod: 0, commissionPerMille: 0, minStake: 1, capacity: 0 }, toNano(3));
      if (i === N - 1) note("deployRoot", d.gas);
      const root = d.events.find((e) => e.event === "RootDeployed")!.data.root;
      keys.push(key);
      roots.push(new Address(root.toString()));
      const n = await callFrom(s.elector, roots[i], "nominate", { deposit: 100 + i, validatorKey: key, owner, signingKey: key, metadata: "" }, toNano(1));
      if (i === N - 1) note("nominate", n.gas);
      const g = await callFrom(s.elector, roots[i], "delegate", { amount: 1000 + i, validatorKey: key, remainingGasTo: owner }, toNano(1));
      expect(g.exitCode).to.equal(0);
    }
  });

  it("delegate / revoke hops", async () => {
    for (let j = 0; j < 10; j++) {
      const i = (j * 37) % N;
      const d = await callFrom(s.elector, roots[i], "delegate", { amount: 5, validatorKey: keys[i], remainingGasTo: owner }, toNano(1));
      expect(d.exitCode).to.equal(0);
      note("delegate", d.gas);
      const r = await callFrom(s.elector, roots[i], "revoke", { amount: 3, validatorKey: keys[i], remainingGasTo: owner }, toNano(1));
      expect(r.exitCode).to.equal(0);
      note("revoke", r.gas);
    }
  });

  it("term close + election", async () => {
    await timeTravel(TERM + 1);
    const r = await callFrom(s.elector, owner, "endTerm", {}, toNano(50));
    expect(r.exitCode).to.equal(0);
    expect(eventsOf(r, "Elected")).to.have.length(Math.min(30, N));
    note("endTerm", r.gas);
    // second close: the sitting set goes back to Candidate where not re-elected, and re-elected
    await timeTravel(TERM + 1);
    const r2 = await callFrom(s.elector, owner, "endTerm", {}, toNano(50));
    expect(r2.exitCode).to.equal(0);
    note("endTerm (set in force)", r2.gas);
  });

  after(() => {
    for (const [k, v] of Object.entries(gas)) console.log(`      gas N=${N} ${k}: max ${Math.max(...v)} avg ${Math.round(v.reduce((a, b) => a + b, 0) / v.length)}`);
  });
});
