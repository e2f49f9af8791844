/**
 * Candidate reports as sorted cell lists and the masterchain's k-way merge (issue 7; docs/messages.md
 * §4 "Report list", "candidateReport"):
 * - random multi-chain cases with ties across chains and keys reported by two chains: the set
 *   committed on every chain is exactly the reference model's election (src/model/election.ts) over
 *   the chains' top MAX+1 (duplicate keys dropped), with each member's signing key and root; every
 *   chain's `myReport` decodes (src/ops/reportList.ts) to its top MAX+1 in rank order;
 * - a garbled, tampered or miscounted list from the real peer is refused (BAD_ARGUMENT), a list from
 *   a forged peer too (NOT_AUTHORIZED / UNKNOWN_CHAIN), a replay is ignored: nothing changes, and the
 *   close then elects as usual.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { beginCell, Cell } from "@ton/core";
import { ERROR_CODE } from "../../build/errors";
import { makeWallet, timeTravel } from "../helpers";
import { deployElectors, DeployedElectors, ElectorContract } from "../../src/deploy/chains";
import { Candidate, elect, ElectionParams, rankCandidates } from "../../src/model";
import { decodeReportList, encodeReportList, ReportListEntry } from "../../src/ops/reportList";
import { mulberry32 as rng } from "../../src/simulator/prng";
import { countSince, editElectorFields, forgedCall, freshNetwork, rootAddress, seedCandidates, SeedCandidate, tryCall, txMark } from "./voting-fixture";

const EVER = 1_000_000_000n;
const MIN_DEPOSIT = 10_000n * EVER;

const hex64 = (n: bigint) => n.toString(16).padStart(64, "0");

async function installedSet(e: ElectorContract) {
  const r = await e.getters.getValidatorSet({}).run();
  return {
    termId: Number(r.setTermId),
    members: (r.set as [string, { votingPower: string; chainId: string; signingKey: string; root: Address }][])
      .map(([k, v]) => ({ key: hex64(BigInt(k)), votingPower: BigInt(v.votingPower), chainId: Number(v.chainId), signingKey: hex64(BigInt(v.signingKey)), root: v.root.toString() }))
      .sort((a, b) => (a.key < b.key ? -1 : 1)),
  };
}

async function myReport(e: ElectorContract): Promise<ReportListEntry[]> {
  const f = (await e.getFields()).fields as unknown as { myReport: string };
  return decodeReportList(f.myReport);
}

async function reportStatus(e: ElectorContract, chainId: number) {
  const r = await e.getters.getReportStatus({ chainId }).run();
  return [r.termId, r.received, r.count, r.chainStake].map(String);
}

describe("candidate reports as sorted cell lists, k-way merge on the masterchain", function () {
  this.timeout(600_000);

  describe("random multi-chain elections agree with the reference model", () => {
    // small MAX: the election in the last report's transaction; MAX ≥ ELECT_BATCH (34): in
    // continuations (MAX 140: several; 3 × 141 entries > DEDUP_IN_TX: the scanKeys dictionary search)
    // foldShared: every key is (i << 128) | i, so all fold to the same 128 bits and share one slot of
    // the in-memory duplicate search whatever the salt (reportmerge.tolk bucketOf): the search gives
    // up after its comparison budget and the election finds the duplicates through `scanKeys`
    // (small MAX: in continuations instead of the last report's transaction)
    const cases = [
      { seed: 7, max: [3, 7], perChain: [4, 9], dups: 2 },
      { seed: 1234, max: [3, 7], perChain: [4, 9], dups: 2 },
      { seed: 99991, max: [3, 7], perChain: [4, 9], dups: 2 },
      { seed: 4242, max: [40, 40], perChain: [15, 25], dups: 4 },
      { seed: 777, max: [140, 140], perChain: [200, 210], dups: 6 },
      { seed: 31337, max: [7, 7], perChain: [12, 16], dups: 1, foldShared: true },
      { seed: 8080, max: [40, 40], perChain: [15, 25], dups: 4, foldShared: true },
    ];
    for (const { seed, max, perChain, dups, foldShared } of cases) {
      const what = foldShared ? "keys sharing their 128-bit fold (the duplicate search gives up, scanKeys)" : "ties across chains, keys reported twice, deposits under MIN_DEPOSIT";
      it(`seed ${seed}, MAX ${max.join("–")}: ${what}`, async () => {
        const rand = rng(seed);
        const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
        const maxValidators = max[0] + Math.floor(rand() * (max[1] - max[0] + 1));
        const params: ElectionParams = { maxValidators, minValidators: 1 + Math.floor(rand() * maxValidators), delegationThreshold: 150n * EVER, minDeposit: MIN_DEPOSIT };
        const net = await deployElectors({ network: await freshNetwork(900 + seed), value: toNano(200), config: { maxValidators: params.maxValidators, minValidators: params.minValidators, delegationThreshold: params.delegationThreshold } });
        const keeper = await makeWallet(100, 0);
        const cands: SeedCandidate[] = [];
        let next = 1;
        // the storage seeding holds one key per rank key on a chain: a full tie (delegation, deposit,
        // order) only across chains, the order is bumped within a chain
        const used = new Set<string>();
        const add = (c: SeedCandidate) => {
          while (used.has(`${c.chainId}:${c.delegation}:${c.deposit}:${c.order}`)) c.order += 1;
          used.add(`${c.chainId}:${c.delegation}:${c.deposit}:${c.order}`);
          cands.push(c);
        };
        for (const chainId of [-1, 0, 1, 2]) {
          const n = chainId === -1 ? 2 : perChain[0] + Math.floor(rand() * (perChain[1] - perChain[0] + 1));
          for (let i = 0; i < n; i++) {
            add({
              key: foldShared ? hex64((BigInt(next) << 128n) | BigInt(next++)) : hex64(BigInt(next++) * 0x1000001n), owner: keeper.address, chainId,
              delegation: pick([100n, 200n, 200n, 300n, 300n, 300n]) * EVER,
              deposit: pick([MIN_DEPOSIT - 1n, MIN_DEPOSIT, MIN_DEPOSIT, 2n * MIN_DEPOSIT]),
              order: pick([1, 2, 2, 3]),
            });
          }
        }
        // two keys also nominated on another chain (squatting): both reports drop them
        for (let d = 0; d < dups; d++) {
          const k = d * 5;
          const c = cands[k];
          add({ ...c, chainId: c.chainId === 2 ? 0 : c.chainId + 1, delegation: pick([100n, 300n]) * EVER });
        }
        await seedCandidates(net, cands);
        await timeTravel(3601);
        const mark = txMark();
        for (const c of [0, 1, 2, -1]) await forgedCall(keeper.address, net.electors.get(c)!, "endTerm", {}, toNano(20));
        // the merged election's continuations: `finalizeElection` runs only on −1, sent to itself
        const continuations = countSince(mark, net).byFunction.finalizeElection ?? 0;
        // MAX < ELECT_BATCH (34) with at most 160 entries elects in the last report's transaction,
        // unless the in-memory duplicate search gave up
        if (params.maxValidators < 34) expect(continuations, "finalizeElection continuations").to.equal(foldShared ? 2 : 0);
        else expect(continuations, "finalizeElection continuations").to.be.greaterThan(0);

        // each chain's report: its eligible top MAX+1 in rank order
        const reports = new Map<number, Candidate[]>();
        for (const chainId of net.chains) {
          const local = cands.filter((v) => v.chainId === chainId && v.deposit >= MIN_DEPOSIT);
          const top = rankCandidates(local).slice(0, params.maxValidators + 1);
          reports.set(chainId, top);
          const rep = await myReport(net.electors.get(chainId)!);
          expect(rep.map((e) => [e.key, e.delegation, e.deposit, e.order]), `report of chain ${chainId}`).to.deep.equal(top.map((c) => [c.key, c.delegation, c.deposit, c.order]));
          expect(rep.map((e) => e.signingKey)).to.deep.equal(top.map((c) => c.key)); // seeded signing key = identity key
        }
        // the model: keys reported by two chains dropped, then the election
        const rk = (c: Candidate) => `${c.delegation}:${c.deposit}:${c.order}`;
        const homes = new Map([...reports].flatMap(([chainId, r]) => r.map((c) => [`${c.key}:${rk(c)}`, chainId] as const)));
        const home = (c: Candidate) => homes.get(`${c.key}:${rk(c)}`)!;
        const count = new Map<string, number>();
        for (const r of reports.values()) for (const c of r) count.set(c.key, (count.get(c.key) ?? 0) + 1);
        const merged = [...reports.values()].flat().filter((c) => count.get(c.key) === 1);
        const crossTies = merged.filter((c, i) => merged.some((d, j) => j !== i && rk(d) === rk(c) && home(d) !== home(c))).length;
        console.log(`      MAX ${params.maxValidators} MIN ${params.minValidators}: ${[...reports.values()].flat().length} entries reported, ${merged.length} keys reported once, ${[...count.values()].filter((n) => n > 1).length} keys reported twice, ${crossTies} in cross-chain full ties`);
        const expected = elect(merged, params);
        const want = await Promise.all(expected.map(async (v) => {
          const chainId = home(merged.find((c) => c.key === v.key)!);
          const root = await rootAddress(net.networkId, { key: v.key, owner: keeper.address, chainId });
          return { key: v.key, votingPower: v.votingPower, chainId, signingKey: v.key, root: root.toString() };
        }));
        want.sort((a, b) => (a.key < b.key ? -1 : 1));
        expect(expected.length, "the case elects somebody").to.be.greaterThan(0);
        for (const c of net.chains) expect(await installedSet(net.electors.get(c)!), `chain ${c}`).to.deep.equal({ termId: 2, members: want });
      });
    }
  });

  it("the set auto-vote: a chain whose report differs from its members (voting power, signing key) does not vote; an unchanged one does", async () => {
    const net = await deployElectors({ network: await freshNetwork(975), config: { maxValidators: 4, minValidators: 1, delegationThreshold: BigInt(toNano(1)) } });
    const keeper = await makeWallet(100, 0);
    const c = (n: number, chainId: number, delegation: bigint, order: number): SeedCandidate => ({ key: hex64(BigInt(n)), owner: keeper.address, chainId, delegation: delegation * EVER, deposit: MIN_DEPOSIT, order });
    await seedCandidates(net, [c(0xa, 0, 500_000n, 1), c(0xb, 0, 300_000n, 2), c(0xc, 1, 400_000n, 3), c(0xd, 2, 200_000n, 4), c(0xe, 2, 100_000n, 5)]);
    await timeTravel(3601);
    const E = (n: number) => net.electors.get(n)!;
    for (const n of [0, 1, 2]) await forgedCall(keeper.address, E(n), "endTerm", {}, toNano(20));
    // chain 0: b's delegation in its report differs from the set's voting power; chain 1: c's signing key
    const edit = async (chain: number, change: (e: ReportListEntry) => ReportListEntry) => {
      const list = (await myReport(E(chain))).map(change);
      await editElectorFields(E(chain).address, (f) => { f.myReport = encodeReportList(list).toBoc().toString("base64"); });
    };
    await edit(0, (e) => (e.key === hex64(0xbn) ? { ...e, delegation: e.delegation + 1n } : e));
    await edit(1, (e) => (e.key === hex64(0xcn) ? { ...e, signingKey: hex64(0x5eedn) } : e));
    await forgedCall(keeper.address, E(-1), "endTerm", {}, toNano(20));
    const yes = async (chain: number) => (await E(chain).getters.getProposal({ originChain: -1, seq: 0 }).run()).yesStake;
    expect([await yes(0), await yes(1), await yes(2)]).to.deep.equal(["0", "0", (300_000n * EVER).toString()]);
    // not a majority (0.3M of 1.5M): nothing installed
    for (const n of net.chains) expect((await installedSet(E(n))).termId, `chain ${n}`).to.equal(1);
  });

  describe("a bad report list changes nothing", () => {
    let net: DeployedElectors;
    let keeper: { address: Address };
    const E = (c: number): ElectorContract => net.electors.get(c)!;
    const entry = (n: number, delegation: bigint): ReportListEntry => ({
      key: hex64(BigInt(n)), deposit: MIN_DEPOSIT, delegation, order: 1, signingKey: hex64(BigInt(n)), rootId: hex64(BigInt(n) + 7n),
    });
    const good = [entry(0xa1, 500n * EVER), entry(0xa2, 400n * EVER), entry(0xa3, 400n * EVER)];
    const report = (candidates: Cell, count = 3) => ({ termId: 1, chainId: 0, count, candidates: candidates.toBoc().toString("base64"), chainStake: (1300n * EVER).toString() });

    before(async () => {
      net = await deployElectors({ network: await freshNetwork(950), config: { maxValidators: 4, minValidators: 1, delegationThreshold: BigInt(toNano(1)) } });
      keeper = await makeWallet(100, 0);
      const c = (n: number, chainId: number, delegation: bigint, order: number): SeedCandidate => ({ key: hex64(BigInt(n)), owner: keeper.address, chainId, delegation: delegation * EVER, deposit: MIN_DEPOSIT, order });
      await seedCandidates(net, [c(0xb1, 0, 500n, 1), c(0xb2, 1, 400n, 2), c(0xb3, 2, 300n, 3)]);
      await timeTravel(3601);
    });

    it("garbled, tampered and miscounted lists from the real peer: BAD_ARGUMENT", async () => {
      const fromPeer = (candidates: Cell, count = 3) => tryCall(E(0).address, E(-1), "candidateReport", report(candidates, count), toNano(1));
      const list = encodeReportList(good);
      const entryCell = list.refs[0];
      const bad: [string, Cell, number?][] = [
        ["count larger than the list", list, 4],
        ["count smaller than the list", list, 2],
        ["out of rank order", encodeReportList([good[1], good[0], good[2]])],
        ["same rank key, keys descending", encodeReportList([good[0], good[2], good[1]])],
        ["an entry with no delegation", encodeReportList([good[0], good[1], { ...good[2], delegation: 0n }])],
        ["an entry one bit short", beginCell().storeRef(beginCell().storeBits(entryCell.beginParse().loadBits(991)).endCell()).endCell(), 1],
        ["bits in the spine cell", beginCell().storeUint(1, 1).storeRef(entryCell).endCell()],
        ["an entry with two refs", beginCell().storeRef(beginCell().storeSlice(entryCell.beginParse().skip(0)).storeRef(beginCell().endCell()).endCell()).endCell()],
        ["a spine cell with three refs", beginCell().storeRef(entryCell).storeRef(entryCell).storeRef(entryCell).endCell(), 9],
      ];
      for (const [what, cell, count] of bad) {
        expect((await fromPeer(cell, count ?? 3)).exitCode, what).to.equal(ERROR_CODE.BAD_ARGUMENT);
      }
      // the well-formed list itself passes the check (control)
      expect((await fromPeer(list)).exitCode).to.equal(0);
      for (const c of net.chains) expect(await reportStatus(E(-1), c), `chain ${c}`).to.deep.equal(["0", "0", "0", "0"]);
    });

    it("a list from a forged peer is refused; the real close elects as usual; a replayed report is ignored", async () => {
      const list = encodeReportList(good);
      const forged = await tryCall(keeper.address, E(-1), "candidateReport", report(list), toNano(1));
      expect([ERROR_CODE.NOT_AUTHORIZED, ERROR_CODE.UNKNOWN_CHAIN]).to.include(forged.exitCode);
      expect((await tryCall(E(1).address, E(-1), "candidateReport", report(list), toNano(1))).exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED); // chain 1 naming chain 0
      for (const c of net.chains) expect(await reportStatus(E(-1), c)).to.deep.equal(["0", "0", "0", "0"]);
      for (const c of [0, 1, 2, -1]) await forgedCall(keeper.address, E(c), "endTerm", {}, toNano(20));
      const want = [0xb1, 0xb2, 0xb3].map((n) => hex64(BigInt(n)));
      for (const c of net.chains) expect((await installedSet(E(c))).members.map((m) => m.key), `chain ${c}`).to.deep.equal(want);
      // chain 0's real report (one entry) is what −1 recorded; a replay of another list changes nothing
      expect(await reportStatus(E(-1), 0)).to.deep.equal(["1", "1", "1", (500n * EVER).toString()]);
      await forgedCall(E(0).address, E(-1), "candidateReport", report(list), toNano(1));
      expect(await reportStatus(E(-1), 0)).to.deep.equal(["1", "1", "1", (500n * EVER).toString()]);
      for (const c of net.chains) expect((await installedSet(E(c))).members.map((m) => m.key), `chain ${c}`).to.deep.equal(want);
    });
  });
});
