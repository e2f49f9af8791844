/**
 * The ban's mid-term set change on every chain (issue 5; DDVS.md §4.4, §5, §6; docs/crosschain.md
 * "Ban across chains"). Real electors on −1, 0, 1, 2 (the dev network's, bench/lib/suite.ts), real
 * roots nominated through them, stakers' real DePoolWallets staked to them, one term close electing
 * validators of workchains 0, 1 and 2 into one set. A double vote of the validator homed on
 * workchain 1 is reported to the elector of workchain 2: its BAN_VALIDATOR proposal is auto-voted by
 * every chain after checking the proof, commits, and every chain drops the key from its set and its
 * total voting power once; workchain 1's elector bans the account (root Banned, deposit to the
 * informant once, stakers slashed by DELEGATOR_SLASH_RATE through the root's job). The next
 * submitTermStats quorum counts without it on every chain. Forged evidence gets no auto-vote and does
 * not commit; replayed proposal/commit messages change nothing.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import { keyPairFromSeed } from "@ton/crypto";
import { ERROR_CODE } from "../../build/errors";
import { accountBoc, accountSummary } from "../../bench/lib/executor";
import { executor, transactionEntries } from "../../src/dev/executor";
import { assertClean } from "../../bench/lib/report";
import { EVER, freshOwner, freshValidatorKey, RootRef, Suite } from "../../bench/lib/suite";
import { makeDoubleVote, DoubleVote } from "../../src/simulator/doubleVote";
import { encodeTermStats, signTermStats, signaturesToTokens } from "../../src/simulator/stats";
import { enableSignatureChecks, timeTravel } from "../helpers";
import { dataOf, describeTx, nowSec } from "./elector.kit";
import { countSince, txMark, tryCall } from "./voting-fixture";

/* eslint-disable @typescript-eslint/no-explicit-any */
const CHAINS = [-1, 0, 1, 2];
const SLASH_RATE = 100n; // ‰
const DEPOSIT = 10n * EVER;
/** stake of each of a validator's two stakers: A (wc 0), B (wc 1, the offender), D (wc 1), C (wc 2) */
const STAKES = [200n, 150n, 100n, 200n].map((n) => n * EVER);
const CHAIN_OF = [0, 1, 1, 2];
const BAN_PARAM = 65;

/** ABI of a BAN_VALIDATOR payload and of one evidence cell (docs/messages.md §1, id 65). */
const BAN_PAYLOAD_ABI: nt.AbiParam[] = [
  { name: "validatorKey", type: "uint256" },
  { name: "termId", type: "uint32" },
  { name: "informant", type: "address" },
  { name: "evidence1", type: "cell" },
  { name: "evidence2", type: "cell" },
];
const EVIDENCE_ABI: nt.AbiParam[] = [
  { name: "r", type: "uint256" },
  { name: "s", type: "uint256" },
  { name: "header", type: "cell" },
];
const evidence = (header: string, rs: { r: bigint; s: bigint }) =>
  nt.packIntoCell(EVIDENCE_ABI, { r: rs.r.toString(), s: rs.s.toString(), header }, "2.4").boc;
/** A BAN_VALIDATOR payload as the reporting elector builds it. */
function banPayload(key: string, termId: number, informant: Address, dv: DoubleVote): string {
  return nt.packIntoCell(BAN_PAYLOAD_ABI, {
    validatorKey: `0x${key}`, termId, informant: informant.toString(), evidence1: evidence(dv.header1, dv.rs1), evidence2: evidence(dv.header2, dv.rs2),
  }, "2.4").boc;
}

interface V { ref: RootRef; keys: { publicKey: string; secretKey: string }; chain: number; stake: bigint; stakers: { owner: Address; wallet: Address }[] }
/** voting power of a validator: its two stakers' stakes */
const power = (v: V) => 2n * v.stake;

describe("cross-chain ban: the mid-term set change on every chain", function () {
  this.timeout(300_000);
  let suite: Suite;
  const vs: V[] = [];
  const E = (c: number) => suite.elector(c) as any;
  const sim = (v: V) => ({ key: v.ref.validatorKey, signingKey: keyPairFromSeed(Buffer.from(v.keys.secretKey, "hex")) });
  const setOf = async (c: number) => {
    const r = await E(c).getters.getValidatorSet({}).run();
    return { termId: Number(r.setTermId), total: BigInt(r.totalVotingPower), keys: (r.set as [string, unknown][]).map(([k]) => BigInt(k).toString(16).padStart(64, "0")).sort() };
  };
  /** Events `name` of `abi` emitted by `address` in the transactions after `mark`. */
  const eventsSince = (mark: Set<string>, address: Address, abi: string, name: string): any[] =>
    transactionEntries()
      .filter(([h, t]) => !mark.has(h) && t.inMessage.dst === address.toString())
      .flatMap(([, t]) => describeTx(t, abi).events.filter((e) => e.event === name).map((e) => e.data));
  const electorEvents = (mark: Set<string>, c: number, name: string) => eventsSince(mark, suite.electors.get(c)!, suite.abi.elector, name);
  const report = (c: number, v: V, dv: DoubleVote, informant: Address, sender = freshOwner(c)) =>
    suite.call(sender, suite.electors.get(c)!, suite.abi.elector, "reportDoubleVote", {
      validatorKey: `0x${v.ref.validatorKey}`, header1: dv.header1, r1: dv.rs1.r, s1: dv.rs1.s,
      header2: dv.header2, r2: dv.rs2.r, s2: dv.rs2.s, informant,
    }, 5n * EVER);
  const peerCall = (from: number, to: number, method: string, input: Record<string, unknown>) =>
    suite.call(suite.electors.get(from)!, suite.electors.get(to)!, suite.abi.elector, method, input, EVER);
  const balance = async (a: Address) => accountSummary(await accountBoc(a)).balance;

  // the suite sits at the dev network's fixed elector addresses: leave a clean network for the next spec
  after(() => executor().resetBlockchainState());

  before(async () => {
    await enableSignatureChecks(); // the evidence checks are the point: real ed25519
    suite = await Suite.deploy({
      chains: CHAINS, fresh: true,
      config: { minDeposit: DEPOSIT, delegationThreshold: EVER, minStake: EVER, minValidators: 1, maxValidators: 10, delegatorSlashRate: Number(SLASH_RATE), slashToInformant: false },
    });
    for (const [i, chain] of CHAIN_OF.entries()) {
      const keys = freshValidatorKey();
      const [ref] = await suite.deployRoots([{ chain, validatorKey: keys.publicKey }]);
      vs.push({ ref, keys, chain, stake: STAKES[i], stakers: [] });
    }
    for (const v of vs) suite.queueNominate(v.ref, DEPOSIT);
    await suite.run();
    for (const v of vs) {
      for (let i = 0; i < 2; i++) {
        const owner = freshOwner(v.chain);
        v.stakers.push({ owner, wallet: suite.queueDeployWallet(v.chain, owner) });
      }
    }
    await suite.run();
    for (const v of vs) for (const s of v.stakers) suite.queueDeposit(s.wallet, s.owner, v.stake + EVER);
    await suite.run();
    for (const v of vs) for (const s of v.stakers) suite.queueStake(s.wallet, s.owner, v.ref.address, v.stake);
    await suite.run();
    await timeTravel(suite.config.term + 1);
    for (const c of [0, 1, 2, -1]) {
      suite.queue(freshOwner(c), suite.electors.get(c)!, suite.abi.elector, "endTerm", {}, 20n * EVER);
      await suite.run();
    }
  });

  it("validators of workchains 0, 1, 2 are elected into one set, the same on every chain", async () => {
    const keys = vs.map((v) => v.ref.validatorKey).sort();
    for (const c of CHAINS) expect(await setOf(c), `chain ${c}`).to.deep.equal({ termId: 2, total: vs.reduce((t, v) => t + power(v), 0n), keys });
  });

  it("forged evidence in a BAN_VALIDATOR payload gets no auto-vote and does not commit", async () => {
    const [a, b, , c] = vs;
    const informant = freshOwner(0);
    // A's headers signed by C's key; a well-signed proof of B whose payload names another term
    const forged = makeDoubleVote({ networkId: suite.net.networkId, termId: 2, height: 3, round: 0, validator: { key: a.ref.validatorKey, signingKey: sim(c).signingKey }, seed: 21 });
    const real = makeDoubleVote({ networkId: suite.net.networkId, termId: 2, height: 4, round: 0, validator: sim(b), seed: 22 });
    const payloads = [banPayload(a.ref.validatorKey, 2, informant, forged), banPayload(b.ref.validatorKey, 1, informant, real)];
    const before = new Map<number, Awaited<ReturnType<typeof setOf>>>();
    for (const c2 of CHAINS) before.set(c2, await setOf(c2));
    // as if the masterchain elector had broadcast them (seqs far above its own)
    for (const [i, payload] of payloads.entries()) {
      const id = { originChain: -1, seq: 1000 + i };
      for (const to of [0, 1, 2]) {
        const mark = txMark();
        await peerCall(-1, to, "proposal", { id, change: { param: BAN_PARAM, value: 0 }, payload, expiresAt: nowSec() + 3600 });
        expect(electorEvents(mark, to, "Voted"), `chain ${to}`).to.deep.equal([]);
        expect(electorEvents(mark, to, "TallySent").map((t) => t.yesStake), `chain ${to}`).to.deep.equal(["0"]);
        const p = await E(to).getters.getProposal({ originChain: -1, seq: id.seq }).run();
        expect([p.exists, p.param, p.status, p.yesStake], `chain ${to}`).to.deep.equal(["1", "65", "1", "0"]);
      }
    }
    for (const c2 of CHAINS) expect(await setOf(c2), `chain ${c2}`).to.deep.equal(before.get(c2));
  });

  it("a double vote of the workchain-1 validator reported on workchain 2: removed everywhere once, banned and slashed at home, informant paid once", async () => {
    const b = vs[1];
    const informant = freshOwner(1);
    const sender = freshOwner(2);
    const total0 = (await setOf(0)).total;
    const dv = makeDoubleVote({ networkId: suite.net.networkId, termId: 2, height: 9, round: 1, validator: sim(b), seed: 31 });
    const seq = Number((await E(-1).getters.getNextProposalSeq({}).run()).seq);
    const mark = txMark();
    const txs = await report(2, b, dv, informant, sender);
    assertClean(txs, "reportDoubleVote and everything it caused");
    // elector messages: the report, submitProposal to −1, C − 1 proposals, C − 1 tallies (auto-votes), C − 1 commits
    const n = countSince(mark, { electors: new Map(CHAINS.map((c) => [c, E(c)])) } as never);
    const homeCommit = txs.find((t) => t.account === suite.electors.get(1)!.toString() && t.functionId === 0x4264670c);
    console.log(`      ban reported off its home chain, C=4: ${JSON.stringify(n)}; gas: report ${txs[0].gas}, home commit (ban) ${homeCommit?.gas}, Σ tree ${txs.reduce((g, t) => g + t.gas, 0)}`);
    expect([n.byFunction.reportDoubleVote, n.byFunction.submitProposal, n.byFunction.proposal, n.byFunction.tally, n.byFunction.commit]).to.deep.equal([1, 1, 3, 3, 3]);
    // the proposal (−1, seq) carries the proof: key, term, informant, both signed headers
    const p = await E(-1).getters.getProposal({ originChain: -1, seq }).run();
    expect([p.exists, p.param, p.value, p.status]).to.deep.equal(["1", "65", "0", "2"]);
    const decoded = nt.unpackFromCell(BAN_PAYLOAD_ABI, p.payload, false, "2.4") as any;
    expect([BigInt(decoded.validatorKey), decoded.termId, decoded.informant]).to.deep.equal([BigInt(`0x${b.ref.validatorKey}`), "2", informant.toString()]);
    expect(p.payload).to.equal(banPayload(b.ref.validatorKey, 2, informant, dv));
    // committed everywhere: every workchain auto-voted its whole stake (−1 has none), the key left every set once
    const keys = vs.filter((v) => v !== b).map((v) => v.ref.validatorKey).sort();
    for (const c of CHAINS) {
      expect(await setOf(c), `chain ${c}`).to.deep.equal({ termId: 2, total: total0 - power(b), keys });
      expect((await E(c).getters.getProposal({ originChain: -1, seq }).run()).status, `chain ${c}`).to.equal("2");
      expect(electorEvents(mark, c, "RemovedFromSet").map((e) => BigInt(e.validatorKey)), `chain ${c}`).to.deep.equal([BigInt(`0x${b.ref.validatorKey}`)]);
      expect(electorEvents(mark, c, "ProposalCommitted"), `chain ${c}`).to.have.length(1);
      expect(electorEvents(mark, c, "Voted").map((v) => [v.validatorKey, v.yes]), `chain ${c}`).to.deep.equal(c === -1 ? [] : [["0", true]]);
    }
    // home chain 1: account Banned (transition 6), deposit and delegation seized, once
    const acc = await E(1).getters.getAccount({ validatorKey: `0x${b.ref.validatorKey}` }).run();
    expect([acc.state, acc.deposit, acc.delegation]).to.deep.equal(["4", "0", "0"]);
    const bans = electorEvents(mark, 1, "Banned");
    expect(bans.map((x) => [x.seizedDeposit, x.informant.toString(), x.termId])).to.deep.equal([[DEPOSIT.toString(), informant.toString(), "2"]]);
    for (const c of [-1, 0, 2]) expect(electorEvents(mark, c, "Banned"), `chain ${c}`).to.deep.equal([]);
    // root Banned, deposit to the informant once, stakers slashed by the rate through the Ban job
    const root = suite.root(b.ref.address) as any;
    expect((await root.getters.getDetails({}).run()).state).to.equal("4");
    expect(eventsSince(mark, b.ref.address, suite.abi.root, "Banned")).to.have.length(1);
    const [job] = eventsSince(mark, b.ref.address, suite.abi.root, "JobStarted");
    expect([job.kind, job.ratePerMille, job.burn]).to.deep.equal(["3", SLASH_RATE.toString(), true]); // Ban, the config's rate, burned
    // the Ban job waits for gas funds (onBan carries only its own gas): anyone resumes it
    await suite.call(freshOwner(1), b.ref.address, suite.abi.root, "resumeJob", {}, 3n * EVER);
    expect(eventsSince(mark, b.ref.address, suite.abi.root, "JobFinished")).to.have.length(1);
    expect(await balance(informant)).to.equal(DEPOSIT);
    for (const s of b.stakers) {
      const w = suite.wallet(s.wallet) as any;
      expect(BigInt((await w.getters.getTotals({}).run()).slashed)).to.equal((b.stake * SLASH_RATE) / 1000n);
      const pos = await w.getters.getPosition({ root: b.ref.address }).run();
      expect([pos.locked, pos.pending]).to.deep.equal(["0", "0"]);
    }
    expect((await root.getters.getStakeTotals({}).run()).totalLocked).to.equal("0");
    // a second report of the same key, anywhere, is refused (no longer in any set)
    const again = makeDoubleVote({ networkId: suite.net.networkId, termId: 2, height: 10, round: 1, validator: sim(b), seed: 32 });
    for (const c of [0, 1, 2]) {
      const r = await tryCall(sender, E(c), "reportDoubleVote", { validatorKey: `0x${b.ref.validatorKey}`, header1: again.header1, r1: again.rs1.r.toString(), s1: again.rs1.s.toString(), header2: again.header2, r2: again.rs2.r.toString(), s2: again.rs2.s.toString(), informant }, toNano(5));
      expect(r.exitCode, `chain ${c}`).to.equal(ERROR_CODE.NOT_VALIDATOR);
    }
  });

  it("replayed proposal and commit messages of the ban change nothing", async () => {
    const seq = Number((await E(-1).getters.getNextProposalSeq({}).run()).seq) - 1;
    const p = await E(-1).getters.getProposal({ originChain: -1, seq }).run();
    expect([p.param, p.status]).to.deep.equal(["65", "2"]);
    const id = { originChain: -1, seq };
    for (const to of [0, 1, 2]) {
      const before = await dataOf(suite.electors.get(to)!);
      const mark = txMark();
      await peerCall(-1, to, "commit", { id });
      await peerCall(-1, to, "proposal", { id, change: { param: BAN_PARAM, value: 0 }, payload: p.payload, expiresAt: p.expiresAt });
      expect(await dataOf(suite.electors.get(to)!), `chain ${to}`).to.equal(before);
      expect(electorEvents(mark, to, "RemovedFromSet"), `chain ${to}`).to.deep.equal([]);
    }
  });

  it("the next submitTermStats quorum on every chain counts without the banned validator", async () => {
    const [a, b, d, c] = vs;
    await timeTravel(suite.config.term + 1);
    const stats = new Map([a, c, d].map((v) => [v.ref.validatorKey, { proposed: 1, missed: 0, signed: 5, fees: 0n }]));
    const enc = encodeTermStats({ networkId: suite.net.networkId, termId: 2, blocks: 5, stats });
    const sigs = (signers: V[]) => signaturesToTokens(signTermStats(enc.hash, signers.map(sim)));
    const total = power(a) + power(c) + power(d);
    // the powers make both checks meaningful: A + D + B was > 2/3 of the old total, A + C was not
    expect((power(a) + power(d) + power(b)) * 3n > (total + power(b)) * 2n && (power(a) + power(c)) * 3n <= (total + power(b)) * 2n).to.equal(true);
    for (const chain of CHAINS) {
      const withB = await tryCall(freshOwner(chain), E(chain), "submitTermStats", { termId: 2, stats: enc.boc, signatures: sigs([a, d, b]) }, toNano(20));
      expect(withB.exitCode, `chain ${chain}`).to.equal(ERROR_CODE.INSUFFICIENT_SIGNATURES);
      const mark = txMark();
      await suite.call(freshOwner(chain), suite.electors.get(chain)!, suite.abi.elector, "submitTermStats", { termId: 2, stats: enc.boc, signatures: sigs([a, c]) }, 20n * EVER);
      const [acc] = electorEvents(mark, chain, "StatsAccepted");
      expect([acc?.totalPower, acc?.signedPower], `chain ${chain}`).to.deep.equal([total.toString(), (power(a) + power(c)).toString()]);
    }
  });

  it("a report at the home chain bans at once; the commit that follows is a no-op there and removes the key elsewhere once", async () => {
    const d = vs[2]; // wc 1
    const informant = freshOwner(1);
    const before = await setOf(0);
    const dv = makeDoubleVote({ networkId: suite.net.networkId, termId: 2, height: 11, round: 0, validator: sim(d), seed: 41 });
    const seq = Number((await E(-1).getters.getNextProposalSeq({}).run()).seq);
    const mark = txMark();
    assertClean(await report(1, d, dv, informant), "home-chain report");
    expect((await E(-1).getters.getProposal({ originChain: -1, seq }).run()).status).to.equal("2");
    for (const c of CHAINS) {
      expect(await setOf(c), `chain ${c}`).to.deep.equal({ termId: 2, total: before.total - power(d), keys: before.keys.filter((k) => k !== d.ref.validatorKey) });
      expect(electorEvents(mark, c, "RemovedFromSet"), `chain ${c}`).to.have.length(1);
      expect(electorEvents(mark, c, "Banned"), `chain ${c}`).to.have.length(c === 1 ? 1 : 0);
    }
    expect((await E(1).getters.getAccount({ validatorKey: `0x${d.ref.validatorKey}` }).run()).state).to.equal("4");
    expect(eventsSince(mark, d.ref.address, suite.abi.root, "Banned")).to.have.length(1);
    expect(await balance(informant)).to.equal(DEPOSIT);
  });
});
