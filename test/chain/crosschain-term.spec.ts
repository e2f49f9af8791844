/**
 * The term end across chains (issue 5; DDVS.md §4; docs/messages.md §6 "Term end across chains"):
 * candidates on workchains 0, 1 and 2; endTerm on every chain sends its report to −1, which merges,
 * elects and proposes VALIDATOR_SET(T+1); every chain auto-votes it (its members match its own report)
 * and installs the same set on commit. A chain whose report is late does not block the term (it counts
 * as empty after REPORT_TIMEOUT and installs the committed set at its own close). A committed
 * MAX_NUM_OF_VALIDATORS change is used by the next election.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { ERROR_CODE } from "../../build/errors";
import { makeWallet, timeTravel } from "../helpers";
import { deployElectors, DeployedElectors, ElectorContract } from "../../src/deploy/chains";
import { editElectorFields, forgedCall, freshNetwork, rootAddress, seedCandidates, SeedCandidate, tryCall, countSince, txMark } from "./voting-fixture";

const EVER = 1_000_000_000n;
/** An empty report list (docs/messages.md §4 "Report list"). */
const EMPTY_CELL = "te6ccgEBAQEAAgAAAA==";
const key = (n: number) => n.toString(16).padStart(64, "0");

describe("cross-chain term end: one validator set on every chain", () => {
  let net: DeployedElectors;
  let keeper: { address: Address };
  let cands: SeedCandidate[];
  const E = (c: number): ElectorContract => net.electors.get(c)!;
  const endTerm = (c: number) => forgedCall(keeper.address, E(c), "endTerm", {}, toNano(20));
  const setOf = async (c: number) => {
    const r = await E(c).getters.getValidatorSet({}).run();
    return { termId: r.setTermId, keys: (r.set as [string, unknown][]).map(([k]) => BigInt(k).toString(16).padStart(64, "0")).sort() };
  };
  const termOf = async (c: number) => (await E(c).getters.getCurrentTerm({}).run());
  // fixed network ids, one per test: every test's electors come from a fresh deploy key (freshNetwork)
  // and its roots from a fresh keeper wallet, so the ids need not be random to keep addresses apart
  let networkId = 400;

  beforeEach(async () => {
    // MAX 4 of 5 candidates; MIN 1; threshold 1 EVER so only MAX and the tie rule cut
    net = await deployElectors({ network: await freshNetwork(++networkId), config: { maxValidators: 4, minValidators: 1, delegationThreshold: BigInt(toNano(1)) } });
    keeper = await makeWallet(200, 0);
    const owner = keeper.address;
    const c = (n: number, chainId: number, delegation: bigint, order: number): SeedCandidate => ({ key: key(n), owner, chainId, delegation: delegation * EVER, deposit: 10_000n * EVER, order });
    cands = [c(0xa, 0, 500_000n, 1), c(0xb, 0, 300_000n, 2), c(0xc, 1, 400_000n, 3), c(0xd, 2, 200_000n, 4), c(0xe, 2, 100_000n, 5)];
    await seedCandidates(net, cands);
    await timeTravel(3601);
  });

  it("candidates on workchains 0, 1, 2 → the same set (top MAX of the merged ranking) committed and installed on all chains", async () => {
    const mark = txMark();
    for (const c of [0, 1, 2, -1]) await endTerm(c);
    const expected = [key(0xa), key(0xb), key(0xc), key(0xd)].sort();
    for (const c of net.chains) {
      expect(await setOf(c), `chain ${c}`).to.deep.equal({ termId: "2", keys: expected });
      const t = await termOf(c);
      expect([t.termId, t.phase], `chain ${c}`).to.deep.equal(["2", "0"]);
    }
    // members' accounts became Validator on their home chain
    expect((await E(2).getters.getAccount({ validatorKey: `0x${key(0xd)}` }).run()).state).to.equal("2");
    expect((await E(2).getters.getAccount({ validatorKey: `0x${key(0xe)}` }).run()).state).to.equal("1");
    const n = countSince(mark, net);
    console.log(`      term end, C=4: ${JSON.stringify(n)}`);
    expect(n.byFunction.candidateReport).to.equal(3);
    expect(n.byFunction.proposal).to.equal(3);
    expect(n.byFunction.tally).to.equal(3);
    expect(n.byFunction.commit).to.equal(3);
  });

  it("a late chain does not block the term: after REPORT_TIMEOUT the set is proposed without it and it installs the set at its close", async () => {
    for (const c of [0, 1, -1]) await endTerm(c);
    const fin = { termId: 1 };
    expect((await tryCall(keeper.address, E(-1), "finalizeElection", fin, toNano(5))).exitCode).to.equal(ERROR_CODE.REPORTS_PENDING);
    expect((await tryCall(keeper.address, E(0), "finalizeElection", fin, toNano(5))).exitCode).to.equal(ERROR_CODE.NOT_MASTERCHAIN);
    await timeTravel(301);
    await forgedCall(keeper.address, E(-1), "finalizeElection", fin, toNano(5));
    const expected = [key(0xa), key(0xb), key(0xc)].sort();
    for (const c of [-1, 0, 1]) expect(await setOf(c), `chain ${c}`).to.deep.equal({ termId: "2", keys: expected });
    // chain 2 had not closed: the committed set waits, then replaces its report
    expect((await termOf(2)).termId).to.equal("1");
    await endTerm(2);
    expect(await setOf(2)).to.deep.equal({ termId: "2", keys: expected });
    expect((await termOf(2)).termId).to.equal("2");
    expect((await tryCall(keeper.address, E(-1), "finalizeElection", fin, toNano(5))).exitCode).to.equal(ERROR_CODE.WRONG_TERM);
  });

  it("a committed MAX_NUM_OF_VALIDATORS change (4 → 100) is used by the next election", async () => {
    for (const c of [0, 1, 2, -1]) await endTerm(c);
    expect((await setOf(0)).keys.length).to.equal(4);
    // members vote through their roots: a (500k) + c (400k) = 900k of 1.5M registered
    const a = cands[0], cc = cands[2];
    const rootOf = (v: SeedCandidate) => rootAddress(net.networkId, v);
    const now = Math.floor(locklift.testing.getCurrentTime() / 1000);
    await forgedCall(await rootOf(a), E(0), "propose", { change: { param: 5, value: 100 }, payload: "te6ccgEBAQEAAgAAAA==", expiresAt: now + 3600, validatorKey: `0x${a.key}`, owner: a.owner }, toNano(4));
    const seq = Number((await E(-1).getters.getNextProposalSeq({}).run()).seq) - 1;
    await forgedCall(await rootOf(a), E(0), "vote", { id: { originChain: -1, seq }, yes: true, validatorKey: `0x${a.key}`, owner: a.owner }, toNano(1));
    await forgedCall(await rootOf(cc), E(1), "vote", { id: { originChain: -1, seq }, yes: true, validatorKey: `0x${cc.key}`, owner: cc.owner }, toNano(1));
    // chain 1's only member voted: its tally went at once (400k); chain 0 has 2 members, 1 voted:
    // its 500k reaches the origin with flushTally (anyone)
    expect(Number((await E(0).getters.getMaxNumOfValidators({}).run()).maxValidators)).to.equal(4);
    await forgedCall(keeper.address, E(0), "flushTally", { id: { originChain: -1, seq } }, toNano(1));
    for (const c of net.chains) expect(Number((await E(c).getters.getMaxNumOfValidators({}).run()).maxValidators), `chain ${c}`).to.equal(100);
    await timeTravel(3601);
    for (const c of [0, 1, 2, -1]) await endTerm(c);
    const all = cands.map((v) => v.key).sort();
    for (const c of net.chains) expect(await setOf(c), `chain ${c}`).to.deep.equal({ termId: "3", keys: all });
  });

  it("a set proposal nobody's report matches is not voted; after its expiry finalizeElection proposes the same set again", async () => {
    for (const c of [0, 1, 2]) await endTerm(c);
    // every workchain's report "changed" after sending: no auto-vote anywhere
    for (const c of [0, 1, 2]) await editElectorFields(E(c).address, (f) => { f.myReport = EMPTY_CELL; });
    await endTerm(-1);
    const first = await E(-1).getters.getProposal({ originChain: -1, seq: 0 }).run();
    expect([first.exists, first.param, first.value, first.status, first.yesStake]).to.deep.equal(["1", "64", "2", "1", "0"]);
    expect((await tryCall(keeper.address, E(-1), "finalizeElection", { termId: 1 }, toNano(5))).exitCode).to.equal(ERROR_CODE.WRONG_TERM); // still open
    await timeTravel(3601);
    await forgedCall(keeper.address, E(-1), "expireProposal", { id: { originChain: -1, seq: 0 } }, toNano(5));
    for (const c of net.chains) expect((await E(c).getters.getProposal({ originChain: -1, seq: 0 }).run()).status, `chain ${c}`).to.equal("3");
    await forgedCall(keeper.address, E(-1), "finalizeElection", { termId: 1 }, toNano(5));
    for (const c of net.chains) {
      const again = await E(c).getters.getProposal({ originChain: -1, seq: 1 }).run();
      expect([again.exists, again.param, again.value, again.status, again.payload], `chain ${c}`).to.deep.equal(["1", "64", "2", "1", first.payload]);
    }
    for (const c of net.chains) expect((await termOf(c)).termId).to.equal("1"); // nothing installed
  });
});
