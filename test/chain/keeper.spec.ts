/**
 * The keeper on a deployed elector (standalone chain: endTerm elects and installs at once):
 * it closes a term only when due, a second keeper or a concurrent double run closes nothing twice,
 * a restart after a crash with a "sent" record in flight does not resend until `resendAfter`, then
 * finishes the job from the chain's state. Errors come back by their contract names.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import * as nt from "nekoton-wasm";
import { Keeper } from "../../src/keeper/keeper";
import { LockliftKeeperChain } from "../../src/keeper/chain";
import { saveState } from "../../src/keeper/state";
import { deploySuite } from "../../src/ops/deploy";
import { openNetwork } from "../../src/ops/network";
import { advanceTime, networkNow } from "../../src/ops/time";
import { elector } from "../../src/ops/contracts";
import { makeWallet } from "../helpers";

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-keeper-chain-")), "state.json");

describe("keeper on chain (standalone elector)", function () {
  this.timeout(300000);
  // a fixed network id per setup: the fresh deploy key alone keeps each setup's electors apart
  let networkId = 3000;
  const setup = async () => {
    const net = await openNetwork();
    const keys = nt.ed25519_generateKeyPair();
    const suite = await deploySuite({ network: "locklift", chains: [0], deployKey: keys, networkId: ++networkId });
    const me = await makeWallet(1000);
    const e = elector(suite.electors["0"]);
    const term = async () => (await e.getters.getCurrentTerm({}).run()) as { termId: string; termEndsAt: string; phase: string };
    return { net, suite, me, e, term };
  };

  it("closes a term only when due, and exactly once across two keepers", async () => {
    const { net, suite, me, term } = await setup();
    const a = new Keeper(new LockliftKeeperChain(net, suite, me.address), { stateFile: tmp() });
    const b = new Keeper(new LockliftKeeperChain(net, suite, me.address), { stateFile: tmp() });
    expect(await a.tick()).to.deep.equal([]);
    expect(Number((await term()).termId)).to.equal(1);
    const t1 = await term();
    await advanceTime(net, Number(t1.termEndsAt) - networkNow(net) + 1);
    const r = await a.tick();
    expect(r).to.deep.equal([{ kind: "endTerm", chain: 0, termId: 1 }]);
    expect(Number((await term()).termId)).to.equal(2);
    expect(Number((await term()).phase)).to.equal(0);
    // the second keeper finds nothing due
    expect(await b.tick()).to.deep.equal([]);
    expect(Number((await term()).termId)).to.equal(2);
  });

  it("a concurrent double run advances the term once; a lost race is a named error, not a second close", async () => {
    const { net, suite, me, term } = await setup();
    const other = await makeWallet(1000);
    const a = new Keeper(new LockliftKeeperChain(net, suite, me.address), { stateFile: tmp() });
    const b = new Keeper(new LockliftKeeperChain(net, suite, other.address), { stateFile: tmp() });
    const t1 = await term();
    await advanceTime(net, Number(t1.termEndsAt) - networkNow(net) + 1);
    const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
    const all = [...ra, ...rb];
    expect(all.filter((x) => x.kind === "endTerm")).to.have.length.within(1, 2);
    for (const x of all) if (x.kind === "error") expect(x.message).to.match(/TERM_NOT_OVER|CLOSE_IN_PROGRESS/);
    expect(Number((await term()).termId)).to.equal(2);
    // both were honest: at most one close per term landed
    expect(all.filter((x) => x.kind === "endTerm").length + all.filter((x) => x.kind === "error").length).to.be.at.most(2);
  });

  it("restart after a crash between the state record and the send: waits resendAfter, then closes once", async () => {
    const { net, suite, me, term } = await setup();
    const file = tmp();
    const t1 = await term();
    await advanceTime(net, Number(t1.termEndsAt) - networkNow(net) + 1);
    const now = Math.floor((net.locklift as any).clock.time / 1000);
    // the crashed keeper recorded its endTerm for term 1 and died before sending it
    saveState(file, { version: 1, chains: { "0": { termId: 1, endTermSentAt: now } } });
    const k = new Keeper(new LockliftKeeperChain(net, suite, me.address), { stateFile: file, resendAfter: 60 });
    expect(await k.tick()).to.deep.equal([]);
    expect(Number((await term()).termId)).to.equal(1);
    await advanceTime(net, 61);
    expect(await k.tick()).to.deep.equal([{ kind: "endTerm", chain: 0, termId: 1 }]);
    expect(Number((await term()).termId)).to.equal(2);
    expect(await new Keeper(new LockliftKeeperChain(net, suite, me.address), { stateFile: file, resendAfter: 0 }).tick()).to.deep.equal([]);
  });
});
