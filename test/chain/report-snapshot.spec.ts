/**
 * A candidate report built over several transactions (MAX + 1 > REPORT_BATCH = 64 entries) walks the
 * ranking as it was when its first segment was built (`reportRanking`, docs/messages.md §4 "Report
 * list"): a delegation that changes between two segments neither repeats a key already reported nor
 * pulls in one that was below the cut, and the snapshot is cleared when the report is sent.
 */
import { expect } from "chai";
import { toNano } from "locklift";
import { enqueueRawMessage, makeWallet, processNextMessage, processQueue, timeTravel } from "../helpers";
import { deployElectors } from "../../src/deploy/chains";
import { decodeReportList } from "../../src/ops/reportList";
import { editElectorFields, electorMessage, freshNetwork, seedCandidates, SeedCandidate } from "./voting-fixture";

const EVER = 1_000_000_000n;
const MIN_DEPOSIT = 10_000n * EVER;
const MAX = 70; // report = top 71: two segments (64 + 7)
const REPORT_STAGE = 1n << 32n;
const hex64 = (n: bigint) => n.toString(16).padStart(64, "0");
const rankKey = (delegation: bigint, deposit: bigint, order: number) => ((delegation << 144n) | (deposit << 64n) | BigInt(order)).toString();

describe("a report of several segments walks the ranking frozen at its first segment", function () {
  this.timeout(300_000);

  it("keys moved between the segments: none is reported twice, none is skipped, none from below the cut comes in; the snapshot is cleared", async () => {
    const net = await deployElectors({ network: await freshNetwork(4711), value: toNano(200), config: { maxValidators: MAX, minValidators: 1, delegationThreshold: EVER } });
    const keeper = await makeWallet(100, 0);
    // 90 candidates on workchain 0, strictly decreasing delegations: rank i = candidate i
    const cands: SeedCandidate[] = Array.from({ length: 90 }, (_, i) => ({
      key: hex64(BigInt(i + 1) * 0x1000003n), owner: keeper.address, chainId: 0,
      delegation: BigInt(1000 - i) * EVER, deposit: MIN_DEPOSIT, order: 1,
    }));
    cands.push({ key: hex64(0xabcdefn), owner: keeper.address, chainId: -1, delegation: 500n * EVER, deposit: MIN_DEPOSIT, order: 1 });
    await seedCandidates(net, cands);
    const wc0 = net.electors.get(0)!;
    const fields = async () => (await wc0.getFields()).fields as unknown as { term: { closeFunds: string }; reportRanking: unknown[]; myReport: string };

    await timeTravel(3601);
    enqueueRawMessage(electorMessage(keeper.address, wc0.address, "endTerm", {}, toNano(20)));
    // run the close one transaction at a time until its report has a first segment and goes on
    let f = await fields();
    while (!(BigInt(f.term.closeFunds) >= REPORT_STAGE && f.reportRanking.length > 0)) {
      expect(await processNextMessage(), "the close reaches its second report segment").to.equal(true);
      f = await fields();
    }
    expect(BigInt(f.term.closeFunds) - REPORT_STAGE).to.equal(64n);

    // between the segments (the cut after rank 63): rank 5 falls to just after the cut (it would be
    // reported twice), rank 66 rises above it (it would be skipped), rank 80 — below the report's
    // last place, 70 — rises into the second segment (it would be reported)
    const moves = [
      { c: cands[5], delegation: 935_500_000_000n },
      { c: cands[66], delegation: 100_000n * EVER },
      { c: cands[80], delegation: 933_500_000_000n },
    ];
    const moved = new Set(moves.map((m) => BigInt(`0x${m.c.key}`)));
    await editElectorFields(wc0.address, (t) => {
      t.ranking = t.ranking
        .filter(([, b]: [string, { key: string; ties: [string, boolean][] }]) => !moved.has(BigInt(b.key)) && !b.ties.some(([k]) => moved.has(BigInt(k))))
        .concat(moves.map((m) => [rankKey(m.delegation, m.c.deposit, m.c.order), { key: `0x${m.c.key}`, ties: [] }]));
    });
    await processQueue();

    f = await fields();
    const report = decodeReportList(f.myReport);
    const expected = cands.filter((c) => c.chainId === 0).slice(0, MAX + 1);
    expect(report.map((e) => e.key), "the ranking at the report's start, each key once").to.deep.equal(expected.map((c) => c.key));
    expect(report.map((e) => e.delegation)).to.deep.equal(expected.map((c) => c.delegation));
    expect(new Set(report.map((e) => e.key)).size).to.equal(report.length);
    expect(report.some((e) => e.key === cands[80].key)).to.equal(false);
    expect(f.reportRanking, "the snapshot is cleared once the report is sent").to.deep.equal([]);
    expect(BigInt(f.term.closeFunds)).to.equal(0n);
  });
});
