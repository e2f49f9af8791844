/**
 * The keeper's paused-job step (src/keeper/keeper.ts step 5) against in-memory roots that follow
 * contracts/DePoolRoot/jobs.tolk: a batch processes min(50, (fund − 1 EVER) / 0.06 EVER) wallets,
 * a job pauses when the fund pays none, `resumeJob` (≥ 3 EVER, else LOW_VALUE; NO_JOB without a job)
 * adds its value to the fund and runs a batch. Checks: resumes until finished, per-pass budget
 * (KEEPER_BUDGET), suppression across restarts, failures named and not repeated at once.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { Keeper, KeeperChain, PHASE, RESUME_JOB_VALUE, RootJob, RootRef } from "../../../src/keeper/keeper";
import { loadState } from "../../../src/keeper/state";

const E = 1_000_000_000n;
const PER_WALLET = 60_000_000n;

class FakeRoot {
  jobId = 1;
  kind = 3; // Ban
  processed = 0;
  fund = 0n;
  constructor(readonly wallets: number) {}
  batch() {
    let n = this.fund > E ? (this.fund - E) / PER_WALLET : 0n;
    if (n > 50n) n = 50n;
    if (n <= 0n) return;
    const k = Math.min(Number(n), this.wallets - this.processed);
    this.processed += k;
    this.fund -= BigInt(k) * PER_WALLET + 500_000_000n; // messages and gas
    if (this.processed === this.wallets) this.kind = 0;
    else this.batch(); // continuation
  }
}

class FakeNet implements KeeperChain {
  now_ = 2_000_000;
  roots = new Map<string, FakeRoot>();
  sent: { root: string; value: bigint }[] = [];
  failSends = 0;
  chains() {
    return [0];
  }
  async now() {
    return this.now_;
  }
  async term() {
    return { termId: 5, termEndsAt: this.now_ + 1000, phase: PHASE.Running };
  }
  async statsStatus() {
    return { termId: 5, accepted: false };
  }
  async reportTimeout() {
    return 300;
  }
  async endTerm() {
    throw new Error("not due");
  }
  async finalizeElection() {
    throw new Error("not due");
  }
  async jobRoots(): Promise<RootRef[]> {
    return [...this.roots.keys()].map((root) => ({ chain: 0, root }));
  }
  async rootJob(root: string): Promise<RootJob> {
    const r = this.roots.get(root)!;
    return { jobId: r.jobId, kind: r.kind, processed: r.processed, paused: r.kind !== 0 && r.fund - E < PER_WALLET };
  }
  async resumeJob(root: string, value: bigint) {
    if (this.failSends > 0) {
      this.failSends--;
      throw new Error("network error");
    }
    this.sent.push({ root, value });
    const r = this.roots.get(root)!;
    if (value < RESUME_JOB_VALUE) throw new Error("LOW_VALUE");
    if (r.kind === 0) throw new Error("NO_JOB");
    r.fund += value;
    r.batch();
  }
}

const tmp = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-keeper-jobs-")), "state.json");

describe("keeper: paused root jobs", () => {
  it("resumes a paused job until it finishes, each resume at a later position; nothing when not paused", async () => {
    const net = new FakeNet();
    net.roots.set("0:a", new FakeRoot(200));
    const running = new FakeRoot(10);
    running.fund = 10n * E; // pays its batch: not paused
    net.roots.set("0:b", running);
    const k = new Keeper(net, { stateFile: tmp(), maxResumeValue: 100n * E });
    const acts = await k.tick();
    expect(acts.every((a) => a.kind === "resumeJob" && a.root === "0:a")).to.equal(true);
    expect(net.roots.get("0:a")!.kind).to.equal(0);
    expect(net.roots.get("0:a")!.processed).to.equal(200);
    const at = acts.map((a) => (a as { processed: number }).processed);
    expect(at[0]).to.equal(0);
    for (let i = 1; i < at.length; i++) expect(at[i]).to.be.greaterThan(at[i - 1]);
    expect(net.sent.every((s) => s.value === RESUME_JOB_VALUE)).to.equal(true);
    expect(net.sent.length).to.equal(acts.length);
    expect(await k.tick()).to.deep.equal([]);
    expect(net.sent.length).to.equal(acts.length);
  });

  it("spends at most maxResumeValue per pass, then KEEPER_BUDGET; the next pass goes on", async () => {
    const net = new FakeNet();
    net.roots.set("0:a", new FakeRoot(500));
    const k = new Keeper(net, { stateFile: tmp(), maxResumeValue: 7n * E });
    const acts = await k.tick();
    expect(acts.filter((a) => a.kind === "resumeJob")).to.have.length(2);
    const err = acts.filter((a) => a.kind === "error");
    expect(err).to.have.length(1);
    expect((err[0] as { message: string }).message).to.match(/^KEEPER_BUDGET/);
    expect(net.sent.reduce((x, s) => x + s.value, 0n)).to.equal(6n * E);
    const before = net.roots.get("0:a")!.processed;
    const next = await k.tick();
    expect(next.filter((a) => a.kind === "resumeJob")).to.have.length(2);
    expect(net.roots.get("0:a")!.processed).to.be.greaterThan(before);
  });

  it("a resume recorded before a crash is not resent by a restarted keeper within resendAfter", async () => {
    const net = new FakeNet();
    net.roots.set("0:a", new FakeRoot(100));
    const file = tmp();
    net.failSends = 1; // the send of the first keeper dies
    const first = await new Keeper(net, { stateFile: file, maxResumeValue: 100n * E }).tick();
    expect(first).to.have.length(1);
    expect(first[0]).to.include({ kind: "error", action: "resumeJob", root: "0:a" });
    expect(loadState(file).roots).to.deep.equal({ "0:a": { jobId: 1, processed: 0, seenAt: net.now_, resumedAt: net.now_ } });
    // same pass position, within resendAfter: the restarted keeper waits
    expect(await new Keeper(net, { stateFile: file, resendAfter: 60 }).tick()).to.deep.equal([]);
    expect(net.sent).to.deep.equal([]);
    net.now_ += 61;
    const later = await new Keeper(net, { stateFile: file, resendAfter: 60, maxResumeValue: 100n * E }).tick();
    expect(later.filter((a) => a.kind === "resumeJob").length).to.be.greaterThan(0);
    expect(net.roots.get("0:a")!.kind).to.equal(0);
  });

  it("a resume that does not move the job is not repeated in the same pass", async () => {
    const net = new FakeNet();
    const r = new FakeRoot(100);
    net.roots.set("0:a", r);
    net.resumeJob = async (root: string, value: bigint) => {
      net.sent.push({ root, value }); // accepted, but the batch never runs (e.g. still in flight)
    };
    const acts = await new Keeper(net, { stateFile: tmp(), maxResumeValue: 100n * E }).tick();
    expect(acts).to.have.length(1);
    expect(net.sent).to.have.length(1);
  });

  it("a chain view without job methods skips the step", async () => {
    const net = new FakeNet();
    net.roots.set("0:a", new FakeRoot(100));
    const bare: KeeperChain = { chains: () => net.chains(), now: () => net.now(), term: () => net.term(), statsStatus: () => net.statsStatus(), reportTimeout: () => net.reportTimeout(), endTerm: () => net.endTerm(), finalizeElection: () => net.finalizeElection() };
    expect(await new Keeper(bare).tick()).to.deep.equal([]);
    expect(net.sent).to.deep.equal([]);
  });
});

describe("keeper: a job paused with a refilled fund", () => {
  it("is resumed once the same position has been seen for resendAfter seconds", async () => {
    const net = new FakeNet();
    const r = new FakeRoot(100);
    r.fund = E + 10n * PER_WALLET; // change came back after the pause: the fund test says "running"
    const batch = r.batch.bind(r);
    r.batch = () => undefined; // but no continuation is on its way
    net.roots.set("0:a", r);
    const k = new Keeper(net, { stateFile: tmp(), resendAfter: 60, maxResumeValue: 100n * E });
    expect(await k.tick()).to.deep.equal([]);
    net.now_ += 30;
    expect(await k.tick()).to.deep.equal([]);
    net.now_ += 30;
    r.batch = batch;
    const acts = await k.tick();
    expect(acts[0]).to.include({ kind: "resumeJob", root: "0:a", processed: 0 });
    expect(r.kind).to.equal(0);
  });
});
