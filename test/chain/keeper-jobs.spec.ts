/**
 * The keeper finishes paused root jobs (docs/cli.md "The keeper", docs/messages.md §3 `resumeJob`):
 * a validator with many stakers is elected and banned for a double vote on the dev network's
 * workchain-1 elector (DELEGATOR_SLASH_RATE 1000, burn); the `onBan` message carries only the root's
 * own gas, so the Ban job pauses. The keeper finds the banned root from the elector's
 * `StateChanged` events (the key has left the set), resumes the job until every stake is given
 * back, a second pass sends nothing, and a keeper restarted from a state file that records a resume
 * in flight does not send it again within `resendAfter`.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { toNano } from "locklift";
import { keyPairFromSeed } from "@ton/crypto";
import { Keeper, KeeperAction } from "../../src/keeper/keeper";
import { LockliftKeeperChain } from "../../src/keeper/chain";
import { loadState } from "../../src/keeper/state";
import type { SuiteFile } from "../../src/ops/suite";
import { openNetwork } from "../../src/ops/network";
import { makeDoubleVote } from "../../src/simulator/doubleVote";
import { devNetwork } from "../../src/deploy";
import { makeWallet, timeTravel } from "../helpers";
import { recentGas } from "../helpers/forge";
import { validator, Validator } from "../helpers/suite";
import { bulkStakers, BulkStakers } from "../helpers/bulk";
import { getPosition } from "../helpers/wallet";

const WC = 1;
const N = 150; // three batches of JOB_BATCH = 50
const EVER = 1_000_000_000n;
const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-keeper-jobs-")), "state.json");

describe("keeper resumes paused root jobs (ban of a root with many stakers)", function () {
  this.timeout(600_000);
  let v: Validator;
  let s: BulkStakers;
  let suite: SuiteFile;
  let keeperWallet: Awaited<ReturnType<typeof makeWallet>>;
  const job = async () => {
    const j = await v.root.getters.getJob({}).run();
    return { jobId: Number(j.jobId), kind: Number(j.kind), processed: Number(j.processed) };
  };
  const balanceOf = async (a: { address: unknown }) => BigInt((await locklift.provider.getFullContractState({ address: a.address as never })).state?.balance ?? "0");
  const mine = (acts: KeeperAction[]) => acts.filter((a) => (a.kind === "resumeJob" || a.kind === "error") && a.root === v.root.address.toString());

  before(async () => {
    keeperWallet = await makeWallet(500, WC);
    v = await validator(WC, { lockPeriod: 3600, unlockPeriod: 7200, commissionPerMille: 0 });
    s = await bulkStakers(v.root, N, (i) => EVER + BigInt(i) * 1_000_000n);
    suite = { network: "locklift", networkId: devNetwork().networkId, chains: [WC], electors: { [String(WC)]: v.elector.address.toString() }, deployedAt: 0 };
    // elect the validator: close the term (standalone chain elects and installs at once)
    const term = await v.elector.getters.getCurrentTerm({}).run();
    await timeTravel(Math.max(0, Number(term.termEndsAt) - Math.floor(locklift.testing.getCurrentTime() / 1000)) + 1);
    const endValue = (await v.elector.getters.getRequiredValue({ functionId: 0x420f29cf } as never).run()) as unknown as { value: string };
    await v.elector.methods.endTerm({}).send({ from: keeperWallet.address, amount: (BigInt(endValue.value) + EVER).toString(), bounce: true });
    expect((await v.elector.getters.getValidator({ validatorKey: String(v.key) } as never).run()).inSet).to.equal("1");
    // the double vote: the elector bans the key and sends onBan to the root
    const informant = await makeWallet(1, WC);
    const termId = Number((await v.elector.getters.getCurrentTerm({}).run()).termId);
    const dv = makeDoubleVote({ networkId: devNetwork().networkId, termId, height: 7, round: 0, validator: { key: v.key.toString(16).padStart(64, "0"), signingKey: keyPairFromSeed(Buffer.from(v.signing.secretKey, "hex")) } });
    await v.elector.methods
      .reportDoubleVote({ validatorKey: String(v.key), header1: dv.header1, r1: dv.rs1.r.toString(), s1: dv.rs1.s.toString(), header2: dv.header2, r2: dv.rs2.r.toString(), s2: dv.rs2.s.toString(), informant: informant.address } as never)
      .send({ from: keeperWallet.address, amount: toNano(5), bounce: true });
    expect(recentGas(v.elector.address, 1)[0].exitCode, "reportDoubleVote exit code").to.equal(0);
    expect((await v.elector.getters.getAccount({ validatorKey: String(v.key) } as never).run()).state).to.equal("4");
    expect((await v.elector.getters.getValidator({ validatorKey: String(v.key) } as never).run()).inSet).to.equal("0");
  });

  it("the Ban job is paused after the onBan transaction (its gas fund is dry)", async () => {
    const j = await job();
    expect(j.kind, "a Ban job is running").to.not.equal(0);
    expect(j.processed).to.be.lessThan(N);
    const view = await new LockliftKeeperChain(await openNetwork(), suite, keeperWallet.address).rootJob(v.root.address.toString());
    expect(view).to.deep.equal({ ...j, paused: true });
  });

  it("restart from a state file recording a resume in flight: nothing is sent within resendAfter", async () => {
    const net = await openNetwork();
    const file = tmp();
    const before = await job();
    // the first keeper records its resume, then its send dies (a crash between record and send)
    const crashing = new LockliftKeeperChain(net, suite, keeperWallet.address);
    crashing.resumeJob = async () => {
      throw new Error("keeper killed before the send");
    };
    const first = mine(await new Keeper(crashing, { stateFile: file, maxResumeValue: 100n * EVER }).tick());
    expect(first).to.have.length(1);
    expect(first[0]).to.include({ kind: "error", action: "resumeJob" });
    expect(loadState(file).roots?.[v.root.address.toString()]).to.include({ jobId: before.jobId, processed: before.processed });
    // the restarted keeper reads the record: the job's position is the recorded one, so it waits
    const spentBefore = await balanceOf(keeperWallet);
    expect(mine(await new Keeper(new LockliftKeeperChain(net, suite, keeperWallet.address), { stateFile: file, resendAfter: 60, maxResumeValue: 100n * EVER }).tick())).to.deep.equal([]);
    expect(await job()).to.deep.equal(before);
    expect(await balanceOf(keeperWallet)).to.equal(spentBefore);
  });

  it("a keeper pass resumes the job until every stake is given back; a second pass sends nothing", async () => {
    const net = await openNetwork();
    const file = tmp();
    const before = await job();
    const keeperBalance = await balanceOf(keeperWallet);
    const k = new Keeper(new LockliftKeeperChain(net, suite, keeperWallet.address), { stateFile: file, maxResumeValue: 100n * EVER });
    const acts = mine(await k.tick());
    expect(acts.length, "resumeJob sends").to.be.greaterThan(0);
    for (const a of acts) expect(a.kind).to.equal("resumeJob");
    const processedSeen = acts.map((a) => (a as { processed: number }).processed);
    expect(processedSeen[0]).to.equal(before.processed);
    for (let i = 1; i < processedSeen.length; i++) expect(processedSeen[i], "each resume moves the job on").to.be.greaterThan(processedSeen[i - 1]);
    expect((await job()).kind, "job finished").to.equal(0);
    expect(await v.root.getters.getStakeTotals({}).run()).to.deep.equal({ totalLocked: "0", walletCount: "0", unsyncedDelegation: "0" });
    for (let i = 0; i < N; i++) {
      const p = await getPosition(s.wallets[i], v.root.address);
      expect(p.locked, `wallet ${i} locked`).to.equal(0n);
    }
    const spent = keeperBalance - (await balanceOf(keeperWallet));
    const sent = 3n * EVER * BigInt(acts.length);
    expect(spent >= sent && spent < sent + EVER, `keeper spent ${spent} for ${acts.length} resumes`).to.equal(true);
    console.log(`      ${acts.length} resumeJob sends (from ${before.processed} of ${N} wallets), keeper spent ${Number(spent) / 1e9} EVER`);
    // a second pass and a fresh keeper on the same state file send nothing
    expect(mine(await k.tick())).to.deep.equal([]);
    expect(mine(await new Keeper(new LockliftKeeperChain(net, suite, keeperWallet.address), { stateFile: file }).tick())).to.deep.equal([]);
  });
});
