/**
 * Term close at MAX_NUM_OF_VALIDATORS = 100 (issue 6: `npm run demo` ran out of gas, exit −14, in the
 * workchain electors' endTerm). N candidates (ELECTOR_CLOSE_N, default 150) are seeded straight into
 * storage; endTerm runs with the value `getRequiredValue(endTerm)` asks for, and every transaction the
 * close causes (continuations, reports, proposals, votes, commits) must succeed. Prints the gas of each
 * elector transaction of the close.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { makeWallet, timeTravel } from "../helpers";
import { deployElectors, DeployedElectors, ElectorContract } from "../../src/deploy/chains";
import { electorFunctionId } from "../../src/keeper/chain";
import { electorFunctionName, forgedCall, freshNetwork, seedCandidates, SeedCandidate, tryCall, txMark } from "./voting-fixture";
import { ERROR_CODE } from "../../build/errors";
import { transactionEntries } from "../../src/dev/executor";

const N = Number(process.env.ELECTOR_CLOSE_N ?? 150);
const MAX = 100;
const EVER = 1_000_000_000n;
const key = (n: number) => (0x1000 + n).toString(16).padStart(64, "0");

/* eslint-disable @typescript-eslint/no-explicit-any */

interface CloseTx { fn: string; gas: number; aborted: boolean; exitCode: number | undefined; dst: string }

/** Every elector transaction since `mark`, with its function name and gas. */
function electorTxsSince(mark: Set<string>, d: DeployedElectors): CloseTx[] {
  const addrs = new Set([...d.electors.values()].map((e) => e.address.toString()));
  const out: CloseTx[] = [];
  for (const [h, t] of transactionEntries()) {
    if (mark.has(h) || !addrs.has(t.inMessage.dst)) continue;
    const fn = t.inMessage.body ? electorFunctionName(t.inMessage.body) ?? "bounced/other" : "transfer";
    const c = t.description.compute as any;
    out.push({ fn, gas: Number(c?.gasUsed ?? 0), aborted: t.description.aborted, exitCode: c?.exitCode, dst: t.inMessage.dst });
  }
  return out;
}

function report(label: string, txs: CloseTx[]) {
  const by: Record<string, number[]> = {};
  for (const t of txs) (by[t.fn] ??= []).push(t.gas);
  for (const [fn, g] of Object.entries(by)) console.log(`      ${label} ${fn}: ${g.length} tx, max ${Math.max(...g)} sum ${g.reduce((a, b) => a + b, 0)}`);
}

function expectAllSucceeded(txs: CloseTx[]) {
  const failed = txs.filter((t) => t.aborted || (t.exitCode !== 0 && t.exitCode !== 1));
  expect(failed, JSON.stringify(failed)).to.deep.equal([]);
}

async function endTerm(from: Address, e: ElectorContract) {
  const v = BigInt((await e.getters.getRequiredValue({ functionId: electorFunctionId("endTerm") }).run()).value);
  await forgedCall(from, e, "endTerm", {}, v.toString());
}

function candidates(owner: Address, chainId: number, n: number, offset = 0): SeedCandidate[] {
  return Array.from({ length: n }, (_, i) => ({
    key: key(offset + i), owner, chainId, delegation: BigInt(1000 + offset + i) * EVER, deposit: 10_000n * EVER, order: offset + i + 1,
  }));
}

async function setOf(e: ElectorContract) {
  const r = await e.getters.getValidatorSet({}).run();
  return { termId: r.setTermId, size: (r.set as unknown[]).length };
}

describe(`term close with MAX = ${MAX} and ${N} candidates on a chain (issue 6)`, function () {
  this.timeout(1_800_000);
  const config = { maxValidators: MAX, minValidators: 4, delegationThreshold: BigInt(toNano(1)) };

  it("standalone: endTerm and its continuations all succeed; the top MAX is installed, twice", async () => {
    const net = await deployElectors({ network: await freshNetwork(601), chains: [0], config });
    const keeper = await makeWallet(500, 0);
    await seedCandidates(net, candidates(keeper.address, 0, N));
    const e = net.electors.get(0)!;
    for (const round of [1, 2]) {
      await timeTravel(3601);
      const mark = txMark();
      await endTerm(keeper.address, e);
      // the continuations are the elector's own: anyone else is refused
      expect((await tryCall(keeper.address, e, "continueClose", { termId: round })).exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED);
      const txs = electorTxsSince(mark, net);
      report(`standalone close ${round}`, txs);
      expectAllSucceeded(txs);
      expect(await setOf(e)).to.deep.equal({ termId: String(round + 1), size: MAX });
      const t = await e.getters.getCurrentTerm({}).run();
      expect([t.termId, t.phase]).to.deep.equal([String(round + 1), "0"]);
    }
  });

  // The masterchain's duplicate search hashes keys with a salt drawn from the lists' cell hashes
  // (reportmerge.tolk bucketOf). The candidates' owner and the network id fix the roots and so the
  // salt: four networks are four fixed salts. The keys here are sequential, the shape a weak hash
  // piles into a few buckets (a quadratic search that ran out of gas for about every second salt).
  const OWNER = new Address(`0:${"5a".repeat(32)}`);
  for (const networkId of [701, 702, 703, 704]) {
    it(`workchain 0 → masterchain: reports, election, set proposal, votes and commits all succeed (network ${networkId})`, async () => {
      const net = await deployElectors({ network: await freshNetwork(networkId), chains: [-1, 0], config });
      const keeper = await makeWallet(500, 0);
      await seedCandidates(net, [...candidates(OWNER, 0, N), ...candidates(OWNER, -1, 5, N)]);
      await timeTravel(3601);
      const mark = txMark();
      await endTerm(keeper.address, net.electors.get(0)!);
      await endTerm(keeper.address, net.electors.get(-1)!);
      const txs = electorTxsSince(mark, net);
      report("2-chain close", txs);
      expectAllSucceeded(txs);
      for (const c of [-1, 0]) expect(await setOf(net.electors.get(c)!), `chain ${c}`).to.deep.equal({ termId: "2", size: MAX });
    });
  }
});
