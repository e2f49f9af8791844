/**
 * DElectorConfig on one chain (issue 4), term close + election: every election vector of
 * codechain-rules.md against the deployed contract (standalone chain list: endTerm elects and
 * installs directly), and the FSM transitions driven by the close (1 → 3 → 4, 2).
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import { ERROR_CODE } from "../../build/errors";
import { functionId, loadAbi } from "../../src/toolchain/abi";
import { makeWallet, timeTravel } from "../helpers";
import { callFrom, deployElector, ElectorSetup, eventsOf, randomKey, tryFrom, TxResult } from "./elector.kit";

const TERM = 100;
const VECTOR_CONFIG = {
  term: TERM, reportTimeout: 10, minValidators: 3, maxValidators: 5,
  delegationThreshold: "1000", minDeposit: "10000", minStake: "1", minUnlockPeriod: 0,
};

class Chain {
  s!: ElectorSetup;
  owner!: Address;
  roots: Record<string, Address> = {};
  async init(config: Record<string, unknown>) {
    this.s = await deployElector({ config: { ...VECTOR_CONFIG, ...config } as never });
    this.owner = (await makeWallet(500)).address;
    return this;
  }
  get e() { return this.s.elector; }
  async candidate(deposit: number | string, delegation: number | string): Promise<string> {
    const key = randomKey();
    const d = await callFrom(this.e, this.owner, "deployRoot", { validatorKey: key, lockPeriod: 0, unlockPeriod: 0, commissionPerMille: 0, minStake: 1, capacity: 0 }, toNano(3));
    expect(d.exitCode).to.equal(0);
    this.roots[key] = (await this.e.getters.getAccount({ validatorKey: key }).run()).root;
    expect((await this.nominate(key, deposit)).exitCode).to.equal(0);
    if (BigInt(delegation) > 0n) expect((await this.delegate(key, delegation)).exitCode).to.equal(0);
    return key;
  }
  nominate(key: string, deposit: number | string) {
    return callFrom(this.e, this.roots[key], "nominate", { deposit, validatorKey: key, owner: this.owner, signingKey: key, metadata: "" }, toNano(1));
  }
  delegate(key: string, amount: number | string, method = "delegate") {
    return callFrom(this.e, this.roots[key], method, { amount, validatorKey: key, remainingGasTo: this.owner }, toNano(1));
  }
  async endTerm(): Promise<TxResult> {
    await timeTravel(TERM + 1);
    const r = await callFrom(this.e, this.owner, "endTerm", {}, toNano(30));
    expect(r.exitCode, "endTerm").to.equal(0);
    return r;
  }
  async set(): Promise<Map<string, string>> {
    const v = await this.e.getters.getValidatorSet({}).run();
    return new Map(v.set.map(([k, x]: [string, any]) => [BigInt(k).toString(), x.votingPower]));
  }
  async state(key: string) {
    return (await this.e.getters.getAccount({ validatorKey: key }).run()).state;
  }
}

const big = (k: string) => BigInt(k).toString();

describe("DElectorConfig: term close and election (issue 4)", () => {
  describe("election vectors (min 3, max 5, threshold 1000, min deposit 10000)", () => {
    it("max 3: 5000, 4900, 4800, 4700 -> the first three", async () => {
      const c = await new Chain().init({ maxValidators: 3 });
      const ks = [];
      for (const d of [5000, 4900, 4800, 4700]) ks.push(await c.candidate(10000, d));
      const r = await c.endTerm();
      const set = await c.set();
      expect([...set.keys()].sort()).to.deep.equal(ks.slice(0, 3).map(big).sort());
      expect(set.get(big(ks[0]))).to.equal("5000");
      expect(eventsOf(r, "Elected")).to.have.length(3);
      const [inst] = eventsOf(r, "ValidatorSetInstalled");
      expect([inst.termId, inst.size, inst.totalVotingPower, inst.keptPrevious]).to.deep.equal(["2", "3", "14700", false]);
      console.log(`      gas: endTerm (4 candidates, elect 3) ${r.gas}`);
    });

    it("max 4: 5000, 4900, 4800, 900 -> first three (900 < threshold after the MIN seats)", async () => {
      const c = await new Chain().init({ maxValidators: 4 });
      const ks = [];
      for (const d of [5000, 4900, 4800, 900]) ks.push(await c.candidate(10000, d));
      await c.endTerm();
      expect([...(await c.set()).keys()].sort()).to.deep.equal(ks.slice(0, 3).map(big).sort());
    });

    it("deposit short: 5000 x3 + one with deposit 9999 -> the three; the fourth after depositing more", async () => {
      const c = await new Chain().init({});
      const ks = [];
      for (let i = 0; i < 3; i++) ks.push(await c.candidate(10000, 5000));
      const short = await c.candidate(9999, 5000);
      await c.endTerm();
      expect([...(await c.set()).keys()].sort()).to.deep.equal(ks.map(big).sort());
      expect((await c.nominate(short, 1)).exitCode).to.equal(0);
      await c.endTerm();
      expect([...(await c.set()).keys()].sort()).to.deep.equal([...ks, short].map(big).sort());
    });

    it("tie at the cut, min 2, max 3: 5000, 4900, 4800, 4800 -> 5000, 4900", async () => {
      const c = await new Chain().init({ minValidators: 2, maxValidators: 3 });
      const ks = [];
      for (const d of [5000, 4900, 4800, 4800]) ks.push(await c.candidate(10000, d));
      await c.endTerm();
      expect([...(await c.set()).keys()].sort()).to.deep.equal(ks.slice(0, 2).map(big).sort());
    });

    it("tie inside MIN, min 3, max 3: 5000, 4900, 4800 (deposit 20000), 4800 (10000) -> the larger deposit", async () => {
      const c = await new Chain().init({ minValidators: 3, maxValidators: 3 });
      const a = await c.candidate(10000, 5000);
      const b = await c.candidate(10000, 4900);
      const small = await c.candidate(10000, 4800);
      const large = await c.candidate(20000, 4800);
      await c.endTerm();
      expect([...(await c.set()).keys()].sort()).to.deep.equal([a, b, large].map(big).sort());
      void small;
    });

    it("all tied, min 2, max 3: 4000 x5 -> the two most recent nominations", async () => {
      const c = await new Chain().init({ minValidators: 2, maxValidators: 3 });
      const ks = [];
      for (let i = 0; i < 5; i++) {
        ks.push(await c.candidate(10000, 4000));
        await timeTravel(2);
      }
      await c.endTerm();
      expect([...(await c.set()).keys()].sort()).to.deep.equal(ks.slice(3).map(big).sort());
    });

    it("nobody eligible: the previous set stays (ElectionEmpty, keptPrevious)", async () => {
      const c = await new Chain().init({});
      await c.candidate(10000, 0);
      const r = await c.endTerm();
      expect(eventsOf(r, "ElectionEmpty")).to.have.length(1);
      expect(eventsOf(r, "ValidatorSetInstalled")[0].keptPrevious).to.equal(true);
      expect((await c.set()).size).to.equal(0);
      expect((await c.e.getters.getCurrentTerm({}).run()).termId).to.equal("2");
    });
  });

  describe("FSM through the close", () => {
    it("3: Candidate -> Validator on installation, root told; 4: not re-elected -> Candidate", async () => {
      const c = await new Chain().init({ minValidators: 1, maxValidators: 1 });
      const a = await c.candidate(10000, 5000);
      const b = await c.candidate(10000, 4000);
      const r1 = await c.endTerm();
      expect(await c.state(a)).to.equal("2");
      expect(await c.state(b)).to.equal("1");
      const sc = eventsOf(r1, "StateChanged").find((e) => big(e.validatorKey) === big(a))!;
      expect([sc.from, sc.to, sc.transition, sc.termId]).to.deep.equal(["1", "2", "3", "2"]);
      const note = r1.out.find((m) => m.dst === c.roots[a].toString())!;
      const rootAbi = JSON.stringify(locklift.factory.getContractArtifacts("DePoolRoot").abi);
      expect(nt.decodeInput(note.body!, rootAbi, "onStateChanged", true)!.input).to.deep.equal({ state: "2", termId: "2" });
      // b overtakes a
      await c.delegate(b, 2000);
      const r2 = await c.endTerm();
      expect(await c.state(a)).to.equal("1");
      expect(await c.state(b)).to.equal("2");
      const back = eventsOf(r2, "StateChanged").find((e) => big(e.validatorKey) === big(a))!;
      expect([back.from, back.to, back.transition]).to.deep.equal(["2", "1", "4"]);
      const t = await c.e.getters.getCurrentTerm({}).run();
      expect([t.termId, t.phase]).to.deep.equal(["3", "0"]);
    });

    it("2: a nomination ending at T expires at T's close: Eligible, delegation returned, out of the ranking", async () => {
      const c = await new Chain().init({ nominationExpiration: 1, minValidators: 1, maxValidators: 1 });
      const a = await c.candidate(10000, 5000);
      expect((await c.e.getters.getAccount({ validatorKey: a }).run()).nominationEnd).to.equal("2");
      await c.endTerm(); // T = 1: elected for term 2
      expect(await c.state(a)).to.equal("2");
      const r = await c.endTerm(); // T = 2: nomination end 2 <= 2 -> expired
      const [ex] = eventsOf(r, "Expired");
      expect(big(ex.validatorKey)).to.equal(big(a));
      expect(ex.refund).to.equal("10000");
      const sc = eventsOf(r, "StateChanged").find((e) => e.transition === "2")!;
      expect([sc.from, sc.to]).to.deep.equal(["2", "0"]);
      const acc = await c.e.getters.getAccount({ validatorKey: a }).run();
      expect([acc.state, acc.deposit, acc.delegation]).to.deep.equal(["0", "0", "0"]);
      expect((await c.e.getters.getRegisteredStake({}).run()).registeredStake).to.equal("0");
      expect((await c.e.getters.getTopCandidates({ limit: 5 }).run()).candidates).to.have.length(0);
      // delegations to the Eligible account are ignored now
      const d = await c.delegate(a, 5);
      expect(eventsOf(d, "DelegationIgnored")).to.have.length(1);
    });

    it("endTerm before the term end fails TERM_NOT_OVER; with too little value LOW_VALUE", async () => {
      const c = await new Chain().init({});
      expect(await tryFrom(c.e, c.owner, "endTerm", {}, toNano(30))).to.equal(ERROR_CODE.TERM_NOT_OVER);
      await timeTravel(TERM + 1);
      expect(await tryFrom(c.e, c.owner, "endTerm", {}, toNano(1))).to.equal(ERROR_CODE.LOW_VALUE);
      // the documented minimum is exactly what endTerm requires
      const abi = loadAbi(c.e.abi);
      const id = functionId(abi.functions.find((f) => f.name === "endTerm")!);
      const need = BigInt((await c.e.getters.getRequiredValue({ functionId: id }).run()).value);
      expect(await tryFrom(c.e, c.owner, "endTerm", {}, (need - 1n).toString())).to.equal(ERROR_CODE.LOW_VALUE);
      expect(await tryFrom(c.e, c.owner, "endTerm", {}, (need + BigInt(toNano(1))).toString())).to.equal(0);
    });
  });
});
