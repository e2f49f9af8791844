/**
 * DElectorConfig on one chain (issue 4): reportDoubleVote — the spec's checks, each rejected with its
 * named error and no state change, and the ban (transition 6): out of the set and the ranking,
 * unpaid rewards to the informant at once, onBan to the root. Evidence from src/simulator/doubleVote.ts.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import { keyPairFromSeed } from "@ton/crypto";
import { ERROR_CODE } from "../../build/errors";
import { enableSignatureChecks, makeWallet, signHash, timeTravel } from "../helpers";
import { makeDoubleVote, encodeHeader, signHeader } from "../../src/simulator/doubleVote";
import { encodeTermStats, signaturesToTokens } from "../../src/simulator/stats";
import { splitSignature } from "../../src/simulator/types";
import { callFrom, dataOf, deployElector, ElectorSetup, eventsOf, registerValidators, RegisteredValidator } from "./elector.kit";

const TERM = 100;

describe("DElectorConfig: double vote and ban (issue 4)", () => {
  let s: ElectorSetup;
  let owner: Address;
  let informant: Address;
  const vs: RegisteredValidator[] = [];
  const e = () => s.elector;
  const sim = (i: number) => ({ key: vs[i].key.slice(2), signingKey: keyPairFromSeed(Buffer.from(vs[i].keys.secretKey, "hex")) });
  const report = (i: number, dv: ReturnType<typeof makeDoubleVote>, value = toNano(3)) =>
    callFrom(e(), owner, "reportDoubleVote", {
      validatorKey: vs[i].key, header1: dv.header1, r1: dv.rs1.r.toString(), s1: dv.rs1.s.toString(),
      header2: dv.header2, r2: dv.rs2.r.toString(), s2: dv.rs2.s.toString(), informant,
    }, value);

  before(async () => {
    enableSignatureChecks();
    s = await deployElector({ config: { term: TERM, reportTimeout: 10, minValidators: 1, maxValidators: 3, delegationThreshold: "1", minDeposit: "100", minStake: "1", minUnlockPeriod: 0 } as never });
    owner = (await makeWallet(500)).address;
    informant = (await makeWallet(1)).address;
    vs.push(...(await registerValidators(e(), owner, [400, 390, 380, 370])));
    await timeTravel(TERM + 1);
    expect((await callFrom(e(), owner, "endTerm", {}, toNano(30))).exitCode).to.equal(0); // vs[0..2] validators of term 2, vs[3] candidate
    expect((await callFrom(e(), owner, "depositRewards", { amount: 5000, remainingGasTo: owner }, toNano(1))).exitCode).to.equal(0);
    // term 2's statistics with fees, so vs[0] has unpaid rewards
    await timeTravel(TERM + 1);
    const stats = new Map(vs.slice(0, 3).map((v) => [v.key.slice(2), { signed: 10, proposed: 3, missed: 0, fees: 1000n }]));
    const enc = encodeTermStats({ networkId: s.networkId, termId: 2, blocks: 10, stats });
    const sigs = signaturesToTokens(new Map(vs.slice(0, 3).map((v) => [v.key.slice(2), splitSignature(Buffer.from(signHash(v.keys, enc.hash), "base64"))])));
    expect((await callFrom(e(), owner, "submitTermStats", { termId: 2, stats: enc.boc, signatures: sigs }, toNano(2))).exitCode).to.equal(0);
  });

  it("rejects bad evidence with named errors and no state change", async () => {
    const before = await dataOf(e().address);
    const T = 2;
    const ok = makeDoubleVote({ networkId: s.networkId, termId: T, height: 5, round: 0, validator: sim(0), seed: 1 });
    // not a validator of that term (vs[3] is a candidate)
    expect((await report(3, makeDoubleVote({ networkId: s.networkId, termId: T, height: 5, round: 0, validator: sim(3), seed: 2 }))).exitCode).to.equal(ERROR_CODE.NOT_VALIDATOR);
    // signed by another key
    const forged = makeDoubleVote({ networkId: s.networkId, termId: T, height: 5, round: 0, validator: sim(1), seed: 3 });
    expect((await report(0, forged)).exitCode).to.equal(ERROR_CODE.BAD_EVIDENCE_SIGNATURE);
    // the same header twice
    expect((await report(0, { ...ok, header2: ok.header1, rs2: ok.rs1 })).exitCode).to.equal(ERROR_CODE.NOT_DOUBLE_VOTE);
    // different heights
    const other = makeDoubleVote({ networkId: s.networkId, termId: T, height: 6, round: 0, validator: sim(0), seed: 4 });
    expect((await report(0, { ...ok, header2: other.header2, rs2: other.rs2 })).exitCode).to.equal(ERROR_CODE.NOT_DOUBLE_VOTE);
    // another network
    expect((await report(0, makeDoubleVote({ networkId: s.networkId + 1, termId: T, height: 5, round: 0, validator: sim(0), seed: 5 }))).exitCode).to.equal(ERROR_CODE.BAD_HEADER);
    // a future term, and a stale one (term 0 < T - 1)
    expect((await report(0, makeDoubleVote({ networkId: s.networkId, termId: T + 1, height: 5, round: 0, validator: sim(0), seed: 6 }))).exitCode).to.equal(ERROR_CODE.REPORT_TOO_OLD);
    expect((await report(0, makeDoubleVote({ networkId: s.networkId, termId: T - 2, height: 5, round: 0, validator: sim(0), seed: 7 }))).exitCode).to.equal(ERROR_CODE.REPORT_TOO_OLD);
    // a key outside the set (no account here either)
    const stranger = { key: nt.ed25519_generateKeyPair().publicKey, signingKey: keyPairFromSeed(Buffer.alloc(32, 9)) };
    const r = await callFrom(e(), owner, "reportDoubleVote", {
      validatorKey: "0x" + stranger.key, header1: ok.header1, r1: ok.rs1.r.toString(), s1: ok.rs1.s.toString(), header2: ok.header2, r2: ok.rs2.r.toString(), s2: ok.rs2.s.toString(), informant,
    }, toNano(3));
    expect(r.exitCode).to.equal(ERROR_CODE.NOT_VALIDATOR);
    // too little value
    expect((await report(0, ok, toNano(1))).exitCode).to.equal(ERROR_CODE.LOW_VALUE);
    expect(await dataOf(e().address)).to.equal(before);
    void encodeHeader; void signHeader;
  });

  it("6: a proven double vote bans at once: out of the set and ranking, rewards to the informant, onBan to the root", async () => {
    const dv = makeDoubleVote({ networkId: s.networkId, termId: 2, height: 7, round: 1, validator: sim(0), seed: 11 });
    const before = BigInt((await e().getters.getValidatorSet({}).run()).totalVotingPower);
    const r = await report(0, dv);
    expect(r.exitCode).to.equal(0);
    const [ban] = eventsOf(r, "Banned");
    expect([ban.seizedDeposit, ban.seizedRewards, ban.termId]).to.deep.equal(["100", "1000", "2"]);
    expect(ban.informant.toString()).to.equal(informant.toString());
    const [sc] = eventsOf(r, "StateChanged");
    expect([sc.from, sc.to, sc.transition]).to.deep.equal(["2", "4", "6"]);
    expect(eventsOf(r, "RemovedFromSet")).to.have.length(1);
    const acc = await e().getters.getAccount({ validatorKey: vs[0].key }).run();
    expect([acc.state, acc.deposit, acc.delegation]).to.deep.equal(["4", "0", "0"]);
    const set = await e().getters.getValidatorSet({}).run();
    expect(BigInt(set.totalVotingPower)).to.equal(before - 400n);
    expect(set.set.map(([k]: [string]) => BigInt(k))).to.not.include(BigInt(vs[0].key));
    const rootAbi = JSON.stringify(locklift.factory.getContractArtifacts("DePoolRoot").abi);
    const onBan = r.out.find((m) => m.dst === vs[0].root.toString())!;
    expect(nt.decodeInput(onBan.body!, rootAbi, "onBan", true)!.input).to.deep.include({ ratePerMille: "0", burn: false, termId: "2" });
    const prize = r.out.find((m) => m.dst === informant.toString())!;
    expect(prize.value).to.equal("1000");
    const p = await e().getters.getRewardPool({}).run();
    expect(BigInt(p.pool) + BigInt(p.reserved) + BigInt(p.paid) + BigInt(p.burned)).to.equal(BigInt(p.deposited));
    // a second report fails BANNED; nomination and delegation of a banned key fail / are ignored
    const again = makeDoubleVote({ networkId: s.networkId, termId: 2, height: 8, round: 1, validator: sim(0), seed: 12 });
    expect((await report(0, again)).exitCode).to.equal(ERROR_CODE.NOT_VALIDATOR);
    expect((await callFrom(e(), vs[0].root, "nominate", { deposit: 100, validatorKey: vs[0].key, owner, signingKey: vs[0].key, metadata: "" }, toNano(1))).exitCode).to.equal(ERROR_CODE.BANNED);
    const d = await callFrom(e(), vs[0].root, "delegate", { amount: 5, validatorKey: vs[0].key, remainingGasTo: owner }, toNano(1));
    expect(eventsOf(d, "DelegationIgnored")[0].state).to.equal("4");
    // the BAN_VALIDATOR proposal: alone in its chain list, its own stake commits it at once, and the
    // commit finds the key already banned (nothing more changes)
    const [created] = eventsOf(r, "ProposalCreated");
    expect([created.param, created.value]).to.deep.equal(["65", "0"]);
    expect(eventsOf(r, "ProposalCommitted")).to.have.length(1);
    expect(eventsOf(r, "Banned")).to.have.length(1);
    expect(eventsOf(r, "RemovedFromSet")).to.have.length(1);
    console.log(`      gas: reportDoubleVote ${r.gas}`);
  });
});
