import { expect } from "chai";
import fc from "fast-check";
import {
  Candidate,
  ElectionParams,
  ModelError,
  NetworkModel,
  ProtocolParams,
  applyChange,
  DEFAULT_PROTOCOL_PARAMS,
  elect,
  electFromReports,
  keyOf,
  localReport,
  mergeReports,
} from "../../../src/model";

const P: Partial<ProtocolParams> = { term: 100, maxValidators: 3, minValidators: 2, delegationThreshold: 1000n, minDeposit: 10000n };

function expectCode(f: () => unknown, code: string): void {
  expect(f).to.throw(ModelError).with.property("code", code);
}

/** Network of chains -1, 0, 1 with candidates k1..k6 spread over the chains. */
function setup(): NetworkModel {
  const n = new NetworkModel({ chains: [-1, 0, 1], params: P });
  const spec: [number, number, bigint][] = [
    [-1, 1, 5000n],
    [0, 2, 6000n],
    [1, 3, 4000n],
    [0, 4, 3000n],
    [1, 5, 7000n],
    [-1, 6, 2000n],
  ];
  for (const [chain, k, d] of spec) {
    n.selfNominate(chain, keyOf(k), 10000n);
    n.delegate(`d${k}`, keyOf(k), d);
  }
  n.setNow(100);
  return n;
}

describe("model/network: reports and the global election", () => {
  it("merges the local reports and applies the same set on every chain", () => {
    const n = setup();
    const r = n.closeTerm();
    expect(r.elected.map((v) => v.key)).to.deep.equal([keyOf(5), keyOf(2), keyOf(1)]);
    for (const e of n.electors.values()) expect(e.validatorSet).to.deep.equal(r.elected);
    expect(n.elector(1).stateOf(keyOf(5))).to.equal("Validator");
    expect(n.elector(1).stateOf(keyOf(3))).to.equal("Candidate");
    expect(n.elector(0).stateOf(keyOf(2))).to.equal("Validator");
    expect(n.termId).to.equal(2);
    expect(r.reports.get(0)!.map((c) => c.key)).to.deep.equal([keyOf(2), keyOf(4)]);
  });
  it("a chain that did not report by the deadline counts as empty", () => {
    const n = setup();
    const r = n.closeTerm({ late: [1] });
    expect(r.reports.get(1)).to.equal(undefined);
    expect(r.elected.map((v) => v.key)).to.deep.equal([keyOf(2), keyOf(1), keyOf(4)]);
    expect(n.elector(1).stateOf(keyOf(5))).to.equal("Candidate");
  });
  it("a key lives on one chain only", () => {
    const n = setup();
    expectCode(() => n.selfNominate(0, keyOf(1), 1n), "E_KEY_ON_OTHER_CHAIN");
    expectCode(() => mergeReports(new Map([[0, [{ key: keyOf(1), deposit: 1n, delegation: 1n, order: 0 }]], [1, [{ key: keyOf(1), deposit: 1n, delegation: 1n, order: 0 }]]])), "E_DUPLICATE_KEY");
  });
  it("local top MAX + 1 reports elect exactly what a single registry would (property)", () => {
    const arb = fc.record({
      p: fc.record({ max: fc.integer({ min: 1, max: 5 }), min: fc.integer({ min: 1, max: 5 }), thr: fc.bigInt({ min: 1n, max: 30n }) }),
      cands: fc.array(fc.record({ chain: fc.integer({ min: 0, max: 3 }), delegation: fc.bigInt({ min: 0n, max: 30n }), deposit: fc.bigInt({ min: 0n, max: 12n }), order: fc.integer({ min: 0, max: 3 }) }), { maxLength: 24 }),
    });
    fc.assert(
      fc.property(arb, ({ p, cands }) => {
        const params: ElectionParams = { maxValidators: Math.max(p.max, p.min), minValidators: Math.min(p.max, p.min), delegationThreshold: p.thr, minDeposit: 5n };
        const all: (Candidate & { chain: number })[] = cands.map((c, i) => ({ key: keyOf(500 + i), ...c }));
        const reports = new Map<number, Candidate[]>();
        for (let ch = 0; ch < 4; ch++) reports.set(ch, localReport(all.filter((c) => c.chain === ch).map(({ chain: _c, ...c }) => c), params));
        const flat = all.map(({ chain: _c, ...c }) => c);
        expect(electFromReports(reports, params)).to.deep.equal(elect(flat, params));
      }),
      { numRuns: 500 },
    );
  });
  it("blocks count on every chain; stats and rewards on the home chain; a ban removes the key from every set", () => {
    const n = setup();
    n.closeTerm();
    const keys = n.validatorSet.map((v) => v.key);
    for (const k of keys) n.recordBlock({ author: k, signers: keys, fee: 10n });
    for (const e of n.electors.values()) expect(e.current.blocks).to.equal(3);
    expect(n.elector(1).current.stats.get(keyOf(5))).to.deep.include({ proposed: 1, reward: 10n });
    expect(n.elector(0).current.stats.has(keyOf(5))).to.equal(false);
    n.reportDoubleVote({ criminal: keyOf(2), informant: "inf", offenceTerm: 2 });
    for (const e of n.electors.values()) expect(e.validatorSet.map((v) => v.key)).to.deep.equal([keyOf(5), keyOf(1)]);
    expect(n.elector(0).creditOf("inf")).to.equal(10010n);
    for (const e of n.electors.values()) expect(e.conservation().ok).to.equal(true);
  });
});

describe("model/network: config voting", () => {
  /** After the first close: validators k5 (7000), k2 (6000), k1 (5000); registered stake 27000. */
  function voting(): NetworkModel {
    const n = setup();
    n.closeTerm();
    return n;
  }
  it("commits when yes-stake × 2 > total registered stake, applies exactly once per chain", () => {
    const n = voting();
    expect(n.registeredStake()).to.equal(27000n);
    const id = n.propose(0, { param: "maxValidators", value: 4 }, 1000);
    expect(id).to.deep.equal({ originChain: 0, seq: 1 });
    expect(n.vote(id, keyOf(5), true)).to.equal("counted"); // 7000
    expect(n.vote(id, keyOf(5), false)).to.equal("duplicate"); // ignored, the first vote stands
    // 13000 × 2 = 26000 ≤ 27000: the non-validators' stake counts in the denominator
    expect(n.vote(id, keyOf(2), true)).to.equal("counted");
    expect(n.proposal(id).yesStake).to.equal(13000n);
    expect(n.proposal(id).status).to.equal("open");
    expect(n.params.maxValidators).to.equal(3);
    expect(n.vote(id, keyOf(1), true)).to.equal("committed"); // 18000 × 2 > 27000
    for (const e of n.electors.values()) expect(e.params.maxValidators).to.equal(4);
    expect(n.deliverCommit(1, id)).to.equal(false);
    for (const s of n.applied.values()) expect(s.size).to.equal(1);
    expectCode(() => n.vote(id, keyOf(1), true), "E_PROPOSAL_CLOSED");
  });
  it("exactly 50% does not commit", () => {
    const n = new NetworkModel({ chains: [-1], params: { ...P, minValidators: 2 } });
    n.selfNominate(-1, keyOf(1), 10000n);
    n.delegate("a", keyOf(1), 5000n);
    n.selfNominate(-1, keyOf(2), 10000n);
    n.delegate("b", keyOf(2), 5000n);
    n.setNow(100);
    n.closeTerm();
    const id = n.propose(-1, { param: "term", value: 60 }, 1000);
    expect(n.vote(id, keyOf(1), true)).to.equal("counted");
    expect(n.proposal(id).status).to.equal("open");
    expect(n.vote(id, keyOf(2), true)).to.equal("committed");
    expect(n.params.term).to.equal(60);
  });
  it("aborts on expiry; only validators vote; weights are current delegations", () => {
    const n = voting();
    const id = n.propose(-1, { param: "minDeposit", value: 20000n }, 150);
    expectCode(() => n.vote(id, keyOf(3), true), "E_NOT_VALIDATOR");
    n.delegate("extra", keyOf(1), 1000n);
    n.vote(id, keyOf(1), true);
    expect(n.proposal(id).votes.get(keyOf(1))!.weight).to.equal(6000n);
    n.vote(id, keyOf(5), false);
    expect(n.proposal(id)).to.deep.include({ yesStake: 6000n, noStake: 7000n });
    n.setNow(150);
    expect(n.proposal(id).status).to.equal("aborted");
    expectCode(() => n.vote(id, keyOf(2), true), "E_PROPOSAL_CLOSED");
    expect(n.params.minDeposit).to.equal(10000n);
    const id2 = n.propose(-1, { param: "term", value: 50 }, 300);
    expect(id2.seq).to.equal(2);
  });
  it("validates changes: non-zero, MIN ≤ MAX, CUSTODY < RELEASE, known params", () => {
    const n = voting();
    expectCode(() => n.propose(-1, { param: "minValidators", value: 4 }, 1000), "E_INVALID_PARAM");
    expectCode(() => n.propose(-1, { param: "custodyPeriod", value: 240 }, 1000), "E_INVALID_PARAM");
    expectCode(() => n.propose(-1, { param: "minDeposit", value: 0n }, 1000), "E_INVALID_PARAM");
    expectCode(() => n.propose(-1, { param: "term", value: 0 }, 1000), "E_INVALID_PARAM");
    expectCode(() => n.propose(-1, { param: "bogus" as never, value: 1 }, 1000), "E_UNKNOWN_PARAM");
    expectCode(() => n.propose(-1, { param: "term", value: 10 }, 50), "E_INVALID_ARGUMENT");
    expect(applyChange(DEFAULT_PROTOCOL_PARAMS, { param: "delegatorSlashRate", value: 0 }).delegatorSlashRate).to.equal(0);
  });
  it("a change that became invalid before its commit aborts", () => {
    const n = voting();
    const a = n.propose(-1, { param: "minValidators", value: 3 }, 1000);
    const b = n.propose(-1, { param: "maxValidators", value: 2 }, 1000);
    for (const k of [5, 2, 1]) n.vote(a, keyOf(k), true);
    expect(n.proposal(a).status).to.equal("committed");
    n.vote(b, keyOf(5), true);
    n.vote(b, keyOf(2), true);
    expect(n.vote(b, keyOf(1), true)).to.equal("aborted");
    expect(n.params.maxValidators).to.equal(3);
  });
});
