/**
 * The keeper against an in-memory network that follows docs/architecture.md §6: endTerm is
 * accepted once per term when due (else TERM_NOT_OVER / CLOSE_IN_PROGRESS), workchains report to
 * the masterchain, the set commits when every chain has closed. Double runs, crashes and restarts
 * must close every term exactly once.
 */
import { expect } from "chai";
import fs from "fs";
import os from "os";
import path from "path";
import { Keeper, KeeperChain, PHASE, TermInfo } from "../../../src/keeper/keeper";
import { loadState } from "../../../src/keeper/state";

const TERM = 3600;

class FakeNetwork implements KeeperChain {
  now_ = 1_000_000;
  terms = new Map<number, TermInfo>();
  endTermCalls: { chain: number; termId: number; ok: boolean }[] = [];
  statsAccepted = new Map<number, number>(); // chain → term with accepted stats
  statsCalls: { chain: number; termId: number }[] = [];
  reported = new Set<number>();
  finalized: number[] = [];
  failNextEndTerm = false;
  constructor(readonly ids = [-1, 0, 1, 2]) {
    for (const c of ids) this.terms.set(c, { termId: 1, termEndsAt: this.now_ + TERM, phase: PHASE.Running });
  }
  chains() {
    return this.ids;
  }
  async now() {
    return this.now_;
  }
  async term(c: number) {
    return { ...this.terms.get(c)! };
  }
  async statsStatus(c: number) {
    const t = this.terms.get(c)!.termId;
    return { termId: t, accepted: this.statsAccepted.get(c) === t };
  }
  async reportTimeout() {
    return 300;
  }
  async submitTermStats(c: number, termId: number) {
    this.statsCalls.push({ chain: c, termId });
    if (this.statsAccepted.get(c) === termId) throw new Error("STATS_ALREADY_ACCEPTED");
    this.statsAccepted.set(c, termId);
    return true;
  }
  async endTerm(c: number) {
    const t = this.terms.get(c)!;
    if (this.failNextEndTerm) {
      this.failNextEndTerm = false;
      throw new Error("network error");
    }
    const ok = this.now_ >= t.termEndsAt && t.phase === PHASE.Running;
    this.endTermCalls.push({ chain: c, termId: t.termId, ok });
    if (this.now_ < t.termEndsAt) throw new Error("TERM_NOT_OVER");
    if (t.phase !== PHASE.Running) throw new Error("CLOSE_IN_PROGRESS");
    t.phase = PHASE.AwaitingSet;
    this.reported.add(c);
    if (this.ids.every((x) => this.reported.has(x))) this.commit();
  }
  async finalizeElection(termId: number) {
    this.finalized.push(termId);
    this.commit();
  }
  private commit() {
    for (const c of this.ids) {
      const t = this.terms.get(c)!;
      t.termId += 1;
      t.termEndsAt += TERM;
      t.phase = PHASE.Running;
    }
    this.reported.clear();
  }
  okCloses() {
    return this.endTermCalls.filter((x) => x.ok);
  }
}

const tmpState = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-keeper-")), "state.json");

describe("keeper", () => {
  it("does nothing before the term ends", async () => {
    const net = new FakeNetwork();
    const k = new Keeper(net);
    expect(await k.tick()).to.deep.equal([]);
    expect(net.endTermCalls).to.have.length(0);
  });

  it("submits statistics, then ends the term on every chain, masterchain last", async () => {
    const net = new FakeNetwork();
    net.now_ += TERM;
    const actions = await new Keeper(net).tick();
    expect(actions.filter((a) => a.kind === "submitTermStats").map((a) => a.chain)).to.deep.equal([0, 1, 2, -1]);
    expect(actions.filter((a) => a.kind === "endTerm").map((a) => a.chain)).to.deep.equal([0, 1, 2, -1]);
    // stats before closes
    const firstEnd = actions.findIndex((a) => a.kind === "endTerm");
    expect(actions.slice(0, firstEnd).every((a) => a.kind === "submitTermStats")).to.equal(true);
    expect([...net.terms.values()].every((t) => t.termId === 2)).to.equal(true);
  });

  it("a second keeper on the same network (double run) sends nothing more", async () => {
    const net = new FakeNetwork();
    net.now_ += TERM;
    await new Keeper(net).tick();
    const again = await new Keeper(net).tick();
    expect(again).to.deep.equal([]);
    expect(net.okCloses()).to.have.length(4);
    expect(net.endTermCalls.every((c) => c.ok)).to.equal(true);
  });

  it("two keepers interleaved close each chain once per term over many terms", async () => {
    const net = new FakeNetwork();
    const a = new Keeper(net, { resendAfter: 0 });
    const b = new Keeper(net, { resendAfter: 0 });
    for (let i = 0; i < 5; i++) {
      net.now_ += TERM;
      await Promise.all([a.tick(), b.tick()]);
      await b.tick();
    }
    const ok = net.okCloses();
    for (const c of net.ids) expect(ok.filter((x) => x.chain === c).map((x) => x.termId)).to.deep.equal([1, 2, 3, 4, 5]);
  });

  it("restart after a crash: the state file prevents a resend in flight, the chain state finishes the job", async () => {
    const file = tmpState();
    const net = new FakeNetwork();
    net.now_ += TERM;
    // crash mid-pass: chain 0 closed, then the process dies before chain 1
    const k1 = new Keeper(net, { stateFile: file });
    const realEnd = net.endTerm.bind(net);
    let calls = 0;
    net.endTerm = async (c: number) => {
      if (++calls === 2) throw Object.assign(new Error("killed"), { crash: true });
      return realEnd(c);
    };
    await k1.tick();
    net.endTerm = realEnd;
    const st = loadState(file);
    expect(st.chains["0"].termId).to.equal(1);
    expect(st.chains["0"].endTermSentAt).to.equal(net.now_);
    // restarted keeper within resendAfter: does not resend chain 0 or chain 1 (recorded before the send)
    const k2 = new Keeper(net, { stateFile: file, resendAfter: 60 });
    const r2 = await k2.tick();
    expect(r2.filter((a) => a.kind === "endTerm").map((a) => a.chain)).to.not.include(0);
    // after resendAfter the chain state decides: chain 1 (never closed) is closed, chain 0 is not touched again
    net.now_ += 61;
    const k3 = new Keeper(net, { stateFile: file, resendAfter: 60 });
    await k3.tick();
    expect(net.okCloses().filter((x) => x.termId === 1).map((x) => x.chain).sort()).to.deep.equal([-1, 0, 1, 2]);
    expect(net.endTermCalls.filter((x) => !x.ok)).to.have.length(0);
    expect([...net.terms.values()].every((t) => t.termId === 2)).to.equal(true);
  });

  it("finalizes the election when a chain never reports, after REPORT_TIMEOUT", async () => {
    const net = new FakeNetwork();
    net.now_ += TERM;
    const k = new Keeper(net, { resendAfter: 0 });
    // chain 2's keeper is "late": its endTerm keeps failing
    const realEnd = net.endTerm.bind(net);
    net.endTerm = async (c: number) => {
      if (c === 2) throw new Error("unreachable");
      return realEnd(c);
    };
    const r1 = await k.tick();
    expect(r1.some((a) => a.kind === "error" && a.chain === 2)).to.equal(true);
    expect(r1.some((a) => a.kind === "finalizeElection")).to.equal(false); // timeout not reached
    net.now_ += 300;
    const r2 = await k.tick();
    expect(r2.filter((a) => a.kind === "finalizeElection").map((a) => a.termId)).to.deep.equal([1]);
    expect(net.finalized).to.deep.equal([1]);
  });

  it("a failed send is reported and does not stop the other chains", async () => {
    const net = new FakeNetwork();
    net.now_ += TERM;
    net.failNextEndTerm = true;
    const r = await new Keeper(net).tick();
    expect(r[r.length - 1]).to.not.deep.equal(undefined);
    expect(r.filter((a) => a.kind === "error").map((a) => (a as { action: string }).action)).to.deep.equal(["endTerm"]);
    expect(r.filter((a) => a.kind === "endTerm").map((a) => a.chain)).to.deep.equal([1, 2, -1]);
  });

  it("loop mode stops on abort", async () => {
    const net = new FakeNetwork();
    net.now_ += TERM;
    const ac = new AbortController();
    const seen: number[] = [];
    const k = new Keeper(net);
    const p = k.run(0.01, ac.signal, (a) => {
      seen.push(a.length);
      if (seen.length === 3) ac.abort();
    });
    await p;
    expect(seen[0]).to.be.greaterThan(0);
    expect(seen.slice(1)).to.deep.equal([0, 0]);
  });

  it("refuses a malformed state file by name", () => {
    const file = tmpState();
    fs.writeFileSync(file, "{nope");
    expect(() => new Keeper(new FakeNetwork(), { stateFile: file })).to.throw(file);
  });
});
