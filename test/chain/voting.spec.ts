/**
 * Cross-chain config proposals (issue 5; DDVS.md §6; docs/messages.md §4 propose … expireProposal, §7)
 * on the 4-chain embedded network (−1, 0, 1, 2). Validators live on workchains 0, 1, 2; they propose
 * and vote through their roots (messages from their canonical DePoolRoot addresses); weight = delegation.
 *
 * Registered stake: 1000 units in all — A (chain 0) 499, B (chain 1) 2, C (chain 2) 499.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { beginCell } from "@ton/core";
import { ERROR_CODE } from "../../build/errors";
import { makeWallet, networkNowMs, timeTravel } from "../helpers";
import { deployElectors, DeployedElectors, ElectorContract } from "../../src/deploy/chains";
import { countSince, forgedCall, freshNetwork, rootAddress, seedValidators, SeedValidator, tryCall, txMark } from "./voting-fixture";

const EMPTY = beginCell().endCell().toBoc().toString("base64");
const UNIT = 1_000_000_000_000n; // 1000 EVER
const STATUS = { none: "0", open: "1", committed: "2", aborted: "3" };
const key = (n: number) => n.toString(16).padStart(64, "0");
const now = () => Math.floor(networkNowMs() / 1000);

describe("cross-chain config vote", () => {
  let net: DeployedElectors;
  let A: SeedValidator, B: SeedValidator, C: SeedValidator;
  let roots: Map<string, Address>;
  const E = (chain: number): ElectorContract => net.electors.get(chain)!;
  const home = (v: SeedValidator) => E(v.chainId);

  const propose = async (v: SeedValidator, param: number, value: number | string, payload = EMPTY, expiresAt = now() + 3600, amount = toNano(4)) =>
    forgedCall(roots.get(v.key)!, home(v), "propose", { change: { param, value }, payload, expiresAt, validatorKey: `0x${v.key}`, owner: v.owner }, amount);
  const voteInput = (v: SeedValidator, seq: number, yes: boolean) => ({ id: { originChain: -1, seq }, yes, validatorKey: `0x${v.key}`, owner: v.owner });
  const vote = (v: SeedValidator, seq: number, yes = true) => forgedCall(roots.get(v.key)!, home(v), "vote", voteInput(v, seq, yes), toNano(1));
  const proposal = async (chain: number, seq: number) => E(chain).getters.getProposal({ originChain: -1, seq }).run();
  const statusEverywhere = async (seq: number) => Promise.all(net.chains.map(async (c) => (await proposal(c, seq)).status));
  const maxValidatorsEverywhere = async () => Promise.all(net.chains.map(async (c) => Number((await E(c).fields.config()).maxValidators)));

  beforeEach(async () => {
    net = await deployElectors({ network: await freshNetwork(201) });
    const owners = [await makeWallet(10, 0), await makeWallet(10, 1), await makeWallet(10, 2)];
    A = { key: key(0xa1), owner: owners[0].address, chainId: 0, delegation: 499n * UNIT };
    B = { key: key(0xb1), owner: owners[1].address, chainId: 1, delegation: 2n * UNIT };
    C = { key: key(0xc1), owner: owners[2].address, chainId: 2, delegation: 499n * UNIT };
    await seedValidators(net, [A, B, C]);
    roots = new Map();
    for (const v of [A, B, C]) roots.set(v.key, await rootAddress(net.networkId, v));
  });

  it("a proposal from a workchain validator is created at −1 and broadcast to every chain", async () => {
    await propose(A, 5, 100);
    for (const c of net.chains) {
      const p = await proposal(c, 0);
      expect([p.exists, p.param, p.value, p.status], `chain ${c}`).to.deep.equal(["1", "5", "100", STATUS.open]);
    }
    expect((await E(-1).getters.getNextProposalSeq({}).run()).seq).to.equal("1");
    // the origin knows every chain's registered stake from the acknowledging tallies
    const origin = await proposal(-1, 0);
    expect([origin.yesStake, origin.totalStake]).to.deep.equal(["0", (1000n * UNIT).toString()]);
  });

  it("MAX_NUM_OF_VALIDATORS 30 → 100: 49.9% of the stake does not commit, 50.1% does; applied once on every chain", async () => {
    expect(await maxValidatorsEverywhere()).to.deep.equal([30, 30, 30, 30]);
    await propose(A, 5, 100);
    await vote(A, 0); // 499 / 1000 = 49.9%
    expect((await proposal(-1, 0)).yesStake).to.equal((499n * UNIT).toString());
    expect(await statusEverywhere(0)).to.deep.equal([STATUS.open, STATUS.open, STATUS.open, STATUS.open]);
    expect(await maxValidatorsEverywhere()).to.deep.equal([30, 30, 30, 30]);
    await vote(C, 0, false); // a no changes nothing
    expect(await statusEverywhere(0)).to.deep.equal([STATUS.open, STATUS.open, STATUS.open, STATUS.open]);
    await vote(B, 0); // 501 / 1000 = 50.1%
    expect(await statusEverywhere(0)).to.deep.equal([STATUS.committed, STATUS.committed, STATUS.committed, STATUS.committed]);
    expect(await maxValidatorsEverywhere()).to.deep.equal([100, 100, 100, 100]);
  });

  it("bad proposals are refused with named errors at the home elector and change nothing", async () => {
    const call = (v: SeedValidator, param: number, value: number, opts: { payload?: string; expiresAt?: number; amount?: string; from?: Address } = {}) =>
      tryCall(opts.from ?? roots.get(v.key)!, home(v), "propose", {
        change: { param, value }, payload: opts.payload ?? EMPTY, expiresAt: opts.expiresAt ?? now() + 3600, validatorKey: `0x${v.key}`, owner: v.owner,
      }, opts.amount ?? toNano(4));
    expect((await call(A, 5, 100)).exitCode).to.equal(0); // control
    expect((await call(A, 6, 31)).exitCode).to.equal(ERROR_CODE.INVALID_PARAM); // MIN 31 > MAX 30
    expect((await call(A, 5, 3)).exitCode).to.equal(ERROR_CODE.INVALID_PARAM); // MAX 3 < MIN 4
    expect((await call(A, 9, 1001)).exitCode).to.equal(ERROR_CODE.INVALID_PARAM);
    expect((await call(A, 17, 3600)).exitCode).to.equal(ERROR_CODE.INVALID_PARAM); // REPORT_TIMEOUT ≥ TERM
    expect((await call(A, 19, 1)).exitCode).to.equal(ERROR_CODE.UNKNOWN_PARAM);
    expect((await call(A, 64, 2)).exitCode).to.equal(ERROR_CODE.NOT_PROPOSABLE);
    expect((await call(A, 65, 0)).exitCode).to.equal(ERROR_CODE.NOT_PROPOSABLE);
    expect((await call(A, 33, 0)).exitCode).to.equal(ERROR_CODE.BAD_PAYLOAD); // empty code
    expect((await call(A, 32, 0)).exitCode).to.equal(ERROR_CODE.BAD_PAYLOAD); // not a chain-list cell
    expect((await call(A, 5, 100, { expiresAt: now() })).exitCode).to.equal(ERROR_CODE.BAD_EXPIRY);
    expect((await call(A, 5, 100, { expiresAt: now() + 604_801 })).exitCode).to.equal(ERROR_CODE.BAD_EXPIRY);
    expect((await call(A, 5, 100, { amount: toNano(2) })).exitCode).to.equal(ERROR_CODE.LOW_VALUE);
    expect((await call(A, 5, 100, { from: A.owner })).exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED); // not the root
    // a root of an account that is not in the set
    const D: SeedValidator = { ...A, key: key(0xd1) };
    expect((await call(D, 5, 100, { from: await rootAddress(net.networkId, D) })).exitCode).to.equal(ERROR_CODE.UNKNOWN_ACCOUNT);
    expect((await E(-1).getters.getNextProposalSeq({}).run()).seq).to.equal("0");
  });

  it("expiry aborts on every chain; votes after expiresAt fail; expireProposal only at the origin and only after expiry", async () => {
    const expiresAt = now() + 600;
    await propose(A, 5, 100, EMPTY, expiresAt);
    await vote(A, 0);
    const exp = { id: { originChain: -1, seq: 0 } };
    const anyone = await makeWallet(20, -1);
    expect((await tryCall(anyone.address, E(-1), "expireProposal", exp, toNano(3))).exitCode).to.equal(ERROR_CODE.NOT_EXPIRED);
    expect((await tryCall(anyone.address, E(0), "expireProposal", exp, toNano(3))).exitCode).to.equal(ERROR_CODE.NOT_ORIGIN);
    await timeTravel(601);
    expect((await tryCall(roots.get(B.key)!, E(1), "vote", voteInput(B, 0, true), toNano(1))).exitCode).to.equal(ERROR_CODE.PROPOSAL_CLOSED);
    expect((await tryCall(anyone.address, E(-1), "expireProposal", exp, toNano(1))).exitCode).to.equal(ERROR_CODE.LOW_VALUE);
    await forgedCall(anyone.address, E(-1), "expireProposal", exp, toNano(3));
    expect(await statusEverywhere(0)).to.deep.equal([STATUS.aborted, STATUS.aborted, STATUS.aborted, STATUS.aborted]);
    expect(await maxValidatorsEverywhere()).to.deep.equal([30, 30, 30, 30]);
    expect((await tryCall(anyone.address, E(-1), "expireProposal", exp, toNano(3))).exitCode).to.equal(ERROR_CODE.PROPOSAL_CLOSED);
  });

  it("two concurrent proposals are tallied independently; each commits once", async () => {
    await propose(A, 5, 100);
    await propose(C, 2, 48);
    expect((await E(-1).getters.getNextProposalSeq({}).run()).seq).to.equal("2");
    await vote(A, 1); // proposal 1 (NOMINATION_EXPIRATION): 49.9%
    await vote(C, 0); // proposal 0 (MAX): 49.9%
    expect(await statusEverywhere(0)).to.deep.equal([STATUS.open, STATUS.open, STATUS.open, STATUS.open]);
    expect(await statusEverywhere(1)).to.deep.equal([STATUS.open, STATUS.open, STATUS.open, STATUS.open]);
    await vote(B, 1); // proposal 1: 50.1%
    expect(await statusEverywhere(1)).to.deep.equal([STATUS.committed, STATUS.committed, STATUS.committed, STATUS.committed]);
    expect(await statusEverywhere(0)).to.deep.equal([STATUS.open, STATUS.open, STATUS.open, STATUS.open]);
    for (const c of net.chains) expect(Number((await E(c).fields.config()).nominationExpiration)).to.equal(48);
    expect(await maxValidatorsEverywhere()).to.deep.equal([30, 30, 30, 30]);
    await vote(B, 0); // proposal 0: 50.1%
    expect(await statusEverywhere(0)).to.deep.equal([STATUS.committed, STATUS.committed, STATUS.committed, STATUS.committed]);
    expect(await maxValidatorsEverywhere()).to.deep.equal([100, 100, 100, 100]);
  });

  it("replays are ignored: a second vote (ALREADY_VOTED), a replayed commit, proposal or tally change nothing", async () => {
    // ROOT_CODE: applying it twice would be visible (the version counts replacements)
    const newCode = locklift.factory.getContractArtifacts("AbiProbe").code;
    await propose(A, 33, 0, newCode);
    await vote(A, 0);
    expect((await tryCall(roots.get(A.key)!, E(0), "vote", voteInput(A, 0, true), toNano(1))).exitCode).to.equal(ERROR_CODE.ALREADY_VOTED);
    await vote(B, 0);
    expect(await statusEverywhere(0)).to.deep.equal([STATUS.committed, STATUS.committed, STATUS.committed, STATUS.committed]);
    const versions = async () => Promise.all(net.chains.map(async (c) => Number(await E(c).fields.rootCodeVersion())));
    expect(await versions()).to.deep.equal([2, 2, 2, 2]);
    const id = { originChain: -1, seq: 0 };
    const mark = txMark();
    for (const c of [0, 1, 2]) await forgedCall(E(-1).address, E(c), "commit", { id });
    await forgedCall(E(-1).address, E(1), "proposal", { id, change: { param: 33, value: 0 }, payload: newCode, expiresAt: now() + 3600 });
    await forgedCall(E(1).address, E(-1), "tally", { id, chainId: 1, yesStake: (1000n * UNIT).toString(), totalStake: (1000n * UNIT).toString() });
    await forgedCall(E(-1).address, E(2), "abort", { id, reason: 0 });
    expect(await versions()).to.deep.equal([2, 2, 2, 2]);
    expect(await statusEverywhere(0)).to.deep.equal([STATUS.committed, STATUS.committed, STATUS.committed, STATUS.committed]);
    // each replay ran alone: no message came out of it (no tally, no commit)
    const n = countSince(mark, net);
    expect(n.electorMessages).to.equal(6);
    expect(n.hops).to.equal(1);
    for (const c of net.chains) {
      expect((await E(c).fields.rootCode()).toString()).to.equal(newCode);
      expect((await E(c).fields.oldRootCodes()).length).to.equal(1);
    }
  });

  it("message count per proposal is O(chains): 1 submit + (C−1) broadcasts + (C−1) acks + tallies + (C−1) commits", async () => {
    const mark = txMark();
    await propose(A, 5, 100);
    await vote(A, 0);
    await vote(B, 0);
    const n = countSince(mark, net);
    const C4 = net.chains.length - 1;
    expect(n.byFunction).to.deep.equal({ propose: 1, submitProposal: 1, proposal: C4, tally: C4 + 2, vote: 2, commit: C4 });
    console.log(`      C=4: ${JSON.stringify(n)}`);
  });
});
