/**
 * DElectorConfig on one chain (issue 4): submitTermStats (ed25519 signatures verified on chain,
 * > 2/3 of the term's voting power), jailing for downtime and the Jailed transitions 5, 8, 7, 9.
 * The statistics cell and signatures are the simulator's (src/simulator/stats.ts).
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import { ERROR_CODE } from "../../build/errors";
import { enableSignatureChecks, makeWallet, signHash, timeTravel } from "../helpers";
import { encodeTermStats, signaturesToTokens } from "../../src/simulator/stats";
import { splitSignature } from "../../src/simulator/types";
import { callFrom, dataOf, deployElector, ElectorSetup, eventsOf, tryFrom, TxResult } from "./elector.kit";

const TERM = 100;

interface V { key: string; keys: { publicKey: string; secretKey: string } }

describe("DElectorConfig: term statistics and jail (issue 4)", () => {
  let s: ElectorSetup;
  let owner: Address;
  const roots: Record<string, Address> = {};
  const vs: V[] = [];

  const e = () => s.elector;
  const nominate = (v: V, deposit: number) =>
    callFrom(e(), roots[v.key], "nominate", { deposit, validatorKey: v.key, owner, signingKey: v.key, metadata: "" }, toNano(1));
  async function endTerm(): Promise<TxResult> {
    await timeTravel(TERM + 1);
    const r = await callFrom(e(), owner, "endTerm", {}, toNano(30));
    expect(r.exitCode).to.equal(0);
    return r;
  }
  const termId = async () => Number((await e().getters.getCurrentTerm({}).run()).termId);
  const state = async (v: V) => (await e().getters.getAccount({ validatorKey: v.key }).run()).state;

  function statsFor(term: number, proposed: number[], opts: { networkId?: number; blocks?: number; missed?: number[] } = {}) {
    const stats = new Map(vs.map((v, i) => [v.key.slice(2), { proposed: proposed[i], missed: opts.missed?.[i] ?? 0, signed: proposed[i], fees: 0n }]));
    return encodeTermStats({ networkId: opts.networkId ?? s.networkId, termId: term, blocks: opts.blocks ?? 10, stats });
  }
  function sign(hash: Buffer, signers: V[]) {
    return signaturesToTokens(new Map(signers.map((v) => [v.key.slice(2), splitSignature(Buffer.from(signHash(v.keys, hash), "base64"))])));
  }
  const submit = (term: number, boc: string, sigs: unknown) => callFrom(e(), owner, "submitTermStats", { termId: term, stats: boc, signatures: sigs }, toNano(2));

  before(async () => {
    enableSignatureChecks();
    s = await deployElector({ config: { term: TERM, reportTimeout: 10, minValidators: 1, maxValidators: 5, delegationThreshold: "1", minDeposit: "100", minStake: "1", minUnlockPeriod: 0, custodyPeriod: 1, releasePeriod: 3, nominationExpiration: 50 } as never });
    owner = (await makeWallet(500)).address;
    for (let i = 0; i < 4; i++) {
      const keys = nt.ed25519_generateKeyPair();
      const v = { key: "0x" + keys.publicKey, keys };
      vs.push(v);
      expect((await callFrom(e(), owner, "deployRoot", { validatorKey: v.key, lockPeriod: 0, unlockPeriod: 0, commissionPerMille: 0, minStake: 1, capacity: 0 }, toNano(3))).exitCode).to.equal(0);
      roots[v.key] = (await e().getters.getAccount({ validatorKey: v.key }).run()).root;
      expect((await nominate(v, 100)).exitCode).to.equal(0);
      // voting powers 100, 100, 100, 100
      expect((await callFrom(e(), roots[v.key], "delegate", { amount: 100, validatorKey: v.key, remainingGasTo: owner }, toNano(1))).exitCode).to.equal(0);
    }
    await endTerm(); // term 1 closes: all four elected for term 2
    for (const v of vs) expect(await state(v)).to.equal("2");
  });

  it("rejects statistics signed by <= 2/3 of the voting power, forged signatures and bad cells, with no state change", async () => {
    await timeTravel(TERM + 1);
    const T = await termId();
    const st = statsFor(T, [5, 5, 5, 0]);
    const before = await dataOf(e().address);
    // exactly 2/3 is not enough (strict): 2 of 4 = 1/2; 3 of 4 passes, so sign with 2
    expect((await submit(T, st.boc, sign(st.hash, vs.slice(0, 2)))).exitCode).to.equal(ERROR_CODE.INSUFFICIENT_SIGNATURES);
    // a forged signature (signed by another key) does not count
    const forged = sign(st.hash, vs.slice(0, 2)).concat(sign(st.hash, [{ key: vs[2].key, keys: vs[3].keys }]));
    expect((await submit(T, st.boc, forged)).exitCode).to.equal(ERROR_CODE.INSUFFICIENT_SIGNATURES);
    // wrong network id / term
    const wrongNet = statsFor(T, [5, 5, 5, 0], { networkId: s.networkId + 1 });
    expect((await submit(T, wrongNet.boc, sign(wrongNet.hash, vs))).exitCode).to.equal(ERROR_CODE.BAD_STATS);
    const wrongTerm = statsFor(T + 1, [5, 5, 5, 0]);
    expect((await submit(T, wrongTerm.boc, sign(wrongTerm.hash, vs))).exitCode).to.equal(ERROR_CODE.BAD_STATS);
    expect((await submit(T + 1, st.boc, sign(st.hash, vs))).exitCode).to.equal(ERROR_CODE.WRONG_TERM);
    // counts above the block count
    const tooMany = statsFor(T, [11, 5, 5, 0]);
    expect((await submit(T, tooMany.boc, sign(tooMany.hash, vs))).exitCode).to.equal(ERROR_CODE.BAD_STATS);
    // missed precommits: at most one per member of the set (4) per proposed block; none without a proposed block
    const tooMissed = statsFor(T, [5, 5, 5, 0], { missed: [5 * 4 + 1, 0, 0, 0] });
    expect((await submit(T, tooMissed.boc, sign(tooMissed.hash, vs))).exitCode).to.equal(ERROR_CODE.BAD_STATS);
    const missedUnproposed = statsFor(T, [5, 5, 5, 0], { missed: [0, 0, 0, 1] });
    expect((await submit(T, missedUnproposed.boc, sign(missedUnproposed.hash, vs))).exitCode).to.equal(ERROR_CODE.BAD_STATS);
    expect(await dataOf(e().address)).to.equal(before);
  });

  it("accepts statistics signed by > 2/3; first valid submission wins", async () => {
    const T = await termId();
    // validator 0 missed 12 precommits over its 5 blocks (more than one per block: several signers absent)
    const st = statsFor(T, [5, 5, 5, 0], { missed: [12, 0, 0, 0] });
    const r = await submit(T, st.boc, sign(st.hash, vs.slice(0, 3)));
    expect(r.exitCode).to.equal(0);
    const [ev] = eventsOf(r, "StatsAccepted");
    expect([ev.termId, ev.blocks, ev.signedPower, ev.totalPower]).to.deep.equal([String(T), "10", "300", "400"]);
    const ts = await e().getters.getTermStats({ validatorKey: vs[0].key }).run();
    expect([ts.exists, ts.proposed, ts.missed, ts.signed]).to.deep.equal(["1", "5", "12", "5"]);
    expect((await submit(T, st.boc, sign(st.hash, vs))).exitCode).to.equal(ERROR_CODE.STATS_ALREADY_ACCEPTED);
    console.log(`      gas: submitTermStats (4 validators, 3 signatures) ${r.gas}`);
  });

  it("5: the validator that proposed nothing is jailed at the close (custody, release, delegation kept); the others renewed", async () => {
    const T = await termId();
    const r = await (async () => {
      const x = await callFrom(e(), owner, "endTerm", {}, toNano(30));
      expect(x.exitCode).to.equal(0);
      return x;
    })();
    const [j] = eventsOf(r, "Jailed");
    expect(BigInt(j.validatorKey)).to.equal(BigInt(vs[3].key));
    expect([j.custodyUntil, j.releaseAt]).to.deep.equal([String(T + 1), String(T + 3)]);
    const acc = await e().getters.getAccount({ validatorKey: vs[3].key }).run();
    expect([acc.state, acc.delegation, acc.deposit]).to.deep.equal(["3", "100", "100"]);
    expect(eventsOf(r, "Renewed")).to.have.length(3);
    const set = (await e().getters.getValidatorSet({}).run()).set.map(([k]: [string]) => BigInt(k));
    expect(set).to.not.include(BigInt(vs[3].key));
    expect(set).to.have.length(3);
  });

  it("8: self-nomination in custody fails IN_CUSTODY; 7: after custody it returns to Candidate with deposit and delegation", async () => {
    expect(await tryFrom(e(), roots[vs[3].key], "nominate", { deposit: 0, validatorKey: vs[3].key, owner, signingKey: vs[3].key, metadata: "" })).to.equal(ERROR_CODE.IN_CUSTODY);
    await endTerm(); // custodyUntil = T_jail + 1 < current term afterwards
    const r = await nominate(vs[3], 0);
    expect(r.exitCode).to.equal(0);
    const [sc] = eventsOf(r, "StateChanged");
    expect([sc.from, sc.to, sc.transition]).to.deep.equal(["3", "1", "7"]);
    const acc = await e().getters.getAccount({ validatorKey: vs[3].key }).run();
    expect([acc.state, acc.deposit, acc.delegation, acc.releaseAt]).to.deep.equal(["1", "100", "100", "0"]);
  });

  it("9: a prisoner is released at the close of its release term: Eligible, deposit refunded, delegation returned", async () => {
    const c = await deployElector({ config: { term: TERM, reportTimeout: 10, minValidators: 1, maxValidators: 5, delegationThreshold: "1", minDeposit: "100", minStake: "1", minUnlockPeriod: 0, custodyPeriod: 1, releasePeriod: 2, nominationExpiration: 50 } as never });
    const el = c.elector;
    const two: V[] = [];
    const rts: Address[] = [];
    for (const power of [300, 100]) {
      const keys = nt.ed25519_generateKeyPair();
      const v = { key: "0x" + keys.publicKey, keys };
      two.push(v);
      expect((await callFrom(el, owner, "deployRoot", { validatorKey: v.key, lockPeriod: 0, unlockPeriod: 0, commissionPerMille: 0, minStake: 1, capacity: 0 }, toNano(3))).exitCode).to.equal(0);
      const root = (await el.getters.getAccount({ validatorKey: v.key }).run()).root;
      rts.push(root);
      expect((await callFrom(el, root, "nominate", { deposit: 100, validatorKey: v.key, owner, signingKey: v.key, metadata: "" }, toNano(1))).exitCode).to.equal(0);
      expect((await callFrom(el, root, "delegate", { amount: power, validatorKey: v.key, remainingGasTo: owner }, toNano(1))).exitCode).to.equal(0);
    }
    const close = async () => {
      await timeTravel(TERM + 1);
      const r = await callFrom(el, owner, "endTerm", {}, toNano(30));
      expect(r.exitCode).to.equal(0);
      return r;
    };
    await close(); // term 2: both validators
    await timeTravel(TERM + 1);
    const stats = new Map(two.map((v, i) => [v.key.slice(2), { proposed: i === 0 ? 4 : 0, missed: 0, signed: 4, fees: 0n }]));
    const enc = encodeTermStats({ networkId: c.networkId, termId: 2, blocks: 4, stats });
    const sigs = signaturesToTokens(new Map([[two[0].key.slice(2), splitSignature(Buffer.from(signHash(two[0].keys, enc.hash), "base64"))]]));
    expect((await callFrom(el, owner, "submitTermStats", { termId: 2, stats: enc.boc, signatures: sigs }, toNano(2))).exitCode).to.equal(0);
    const j = await callFrom(el, owner, "endTerm", {}, toNano(30)); // T = 2: two[1] jailed, release at 4
    expect(eventsOf(j, "Jailed")[0].releaseAt).to.equal("4");
    const r3 = await close(); // T = 3: still jailed
    expect(eventsOf(r3, "Released")).to.have.length(0);
    expect((await el.getters.getAccount({ validatorKey: two[1].key }).run()).state).to.equal("3");
    const r4 = await close(); // T = 4: released
    const [rel] = eventsOf(r4, "Released");
    expect([BigInt(rel.validatorKey), rel.refund]).to.deep.equal([BigInt(two[1].key), "100"]);
    const sc = eventsOf(r4, "StateChanged").find((x) => x.transition === "9")!;
    expect([sc.from, sc.to]).to.deep.equal(["3", "0"]);
    const acc = await el.getters.getAccount({ validatorKey: two[1].key }).run();
    expect([acc.state, acc.deposit, acc.delegation]).to.deep.equal(["0", "0", "0"]);
    expect((await el.getters.getRegisteredStake({}).run()).registeredStake).to.equal("300");
    const rootAbi = JSON.stringify(locklift.factory.getContractArtifacts("DePoolRoot").abi);
    const note = r4.out.find((m) => m.dst === rts[1].toString())!;
    expect(nt.decodeInput(note.body!, rootAbi, "onStateChanged", true)!.input).to.deep.equal({ state: "0", termId: "4" });
  });
});
