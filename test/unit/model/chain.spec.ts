import { expect } from "chai";
import fc from "fast-check";
import { ElectorModel, ModelError, ProtocolParams, isDoubleVote, keyOf } from "../../../src/model";

const P: Partial<ProtocolParams> = {
  term: 100,
  maxValidators: 5,
  minValidators: 3,
  delegationThreshold: 1000n,
  minDeposit: 10000n,
  nominationExpiration: 24,
  custodyPeriod: 24,
  releasePeriod: 240,
};
const [A, B, C, D, E] = [1, 2, 3, 4, 5].map(keyOf);

function expectCode(f: () => unknown, code: string): void {
  expect(f).to.throw(ModelError).with.property("code", code);
}

/** Moves to the end of the current term and closes it. */
function close(e: ElectorModel) {
  e.setNow(Math.max(e.now, e.termEndsAt));
  return e.closeTerm();
}

/** Every validator of the set proposes one block signed by all. */
function allWork(e: ElectorModel, fee = 0n) {
  const keys = e.validatorSet.map((v) => v.key);
  for (const k of keys) e.recordBlock({ author: k, signers: keys, fee });
}

/** A, B, C, D nominated in term 1 with delegations 5000, 4900, 4800, 4700 and elected at its close. */
function setup(params: Partial<ProtocolParams> = P, rate = 0): ElectorModel {
  const e = new ElectorModel({ params: { ...params, delegatorSlashRate: rate } });
  [A, B, C, D].forEach((k, i) => {
    e.setNow(e.now + 1);
    e.selfNominate(k, 10000n);
    e.delegate(`d${i}`, k, 5000n - 100n * BigInt(i));
  });
  close(e);
  return e;
}

describe("model/chain: nomination and election", () => {
  it("elects at the close of term 1 and starts term 2", () => {
    const e = setup();
    expect(e.termId).to.equal(2);
    expect(e.validatorSet).to.deep.equal([
      { key: A, votingPower: 5000n },
      { key: B, votingPower: 4900n },
      { key: C, votingPower: 4800n },
      { key: D, votingPower: 4700n },
    ]);
    for (const k of [A, B, C, D]) expect(e.stateOf(k)).to.equal("Validator");
    expect(e.events.filter((x) => x.kind === "elected").length).to.equal(4);
    expect(e.events.at(-1)).to.deep.include({ kind: "termClosed", term: 1, setSize: 4, totalPower: 19400n });
    expect(e.conservation().ok).to.equal(true);
  });
  it("refuses to close before the term end, metadata over 128 bytes, and an atomic redelegate that would fail", () => {
    const e = setup();
    expectCode(() => e.closeTerm(), "E_TERM_NOT_OVER");
    expectCode(() => e.selfNominate(E, 1n, "x".repeat(129)), "E_METADATA_TOO_LONG");
    e.selfNominate(E, 1n, "x".repeat(128));
    expectCode(() => e.redelegate("d0", A, keyOf(77), 10n), "E_NOT_CANDIDATE");
    expect(e.delegationOf(A)).to.equal(5000n);
    e.redelegate("d0", A, E, 10n);
    expect([e.delegationOf(A), e.delegationOf(E)]).to.deep.equal([4990n, 10n]);
  });
  it("revoke is immediate in the registry but the sitting set keeps its voting power; nobody eligible keeps the previous set", () => {
    const e = setup();
    [A, B, C, D].forEach((k, i) => e.revoke(`d${i}`, k, 5000n - 100n * BigInt(i)));
    expect(e.delegationOf(A)).to.equal(0n);
    expect(e.validatorSet[0].votingPower).to.equal(5000n);
    allWork(e);
    const r = close(e);
    expect(r.keptPrevious).to.equal(true);
    expect(e.validatorSet.map((v) => v.key)).to.deep.equal([A, B, C, D]);
    for (const k of [A, B, C, D]) expect(e.stateOf(k)).to.equal("Validator");
    expect(e.events.some((x) => x.kind === "electionEmpty" && x.term === 2)).to.equal(true);
    expect(e.creditOf("d0")).to.equal(5000n);
    expect(e.conservation().ok).to.equal(true);
  });
});

describe("model/chain: expiry, renewal, custody and release terms", () => {
  it("a candidate nominated in term 2 (NE 24, end 26) stays through the close of term 25 and expires at the close of term 26", () => {
    const e = setup();
    e.selfNominate(E, 9999n); // deposit short: never elected
    e.delegate("dx", E, 3000n);
    expect(e.account(E)!.nominationEnd).to.equal(26); // nominated in term 2
    for (let t = 2; t <= 25; t++) {
      allWork(e);
      close(e);
      expect(e.stateOf(E)).to.equal("Candidate");
    }
    allWork(e);
    close(e); // close of term 26
    expect(e.stateOf(E)).to.equal("Eligible");
    expect(e.creditOf(E)).to.equal(9999n);
    expect(e.creditOf("dx")).to.equal(3000n);
    expect(e.events.find((x) => x.kind === "expired")).to.deep.include({ key: E, refund: 9999n, returned: 3000n });
    expect(e.conservation().ok).to.equal(true);
  });
  it("active validators are renewed: nomination end = T + NE, order = scheduled end of T", () => {
    const e = setup();
    allWork(e);
    const endOfTerm2 = e.termEndsAt;
    close(e);
    expect(e.account(A)).to.deep.include({ nominationEnd: 26, order: endOfTerm2, state: "Validator" });
    for (let t = 3; t <= 40; t++) {
      allWork(e);
      close(e);
    }
    expect(e.stateOf(A)).to.equal("Validator");
    expect(e.account(A)!.nominationEnd).to.equal(64);
  });
  it("an inactive validator is jailed at the close of T: custody T + 24, release T + 240, delegations kept, out of the set", () => {
    const e = setup();
    const keys = [A, B, C];
    for (const k of keys) e.recordBlock({ author: k, signers: [A, B, C, D], fee: 0n }); // D produced no block
    close(e); // T = 2
    expect(e.account(D)).to.deep.include({ state: "Jailed", custodyUntil: 26, releaseAt: 242, deposit: 10000n });
    expect(e.delegationOf(D)).to.equal(4700n);
    expect(e.validatorSet.map((v) => v.key)).to.deep.equal([A, B, C]);
    expect(e.events.find((x) => x.kind === "jailed")).to.deep.include({ key: D, custodyUntil: 26, releaseAt: 242 });
    e.delegate("dy", D, 1n); // delegating to a Jailed root is allowed
    // custody: SELF_NOMINATE fails while custody_until (26) ≥ current term
    while (e.termId < 26) {
      allWork(e);
      close(e);
    }
    expectCode(() => e.selfNominate(D, 5n), "E_IN_CUSTODY");
    allWork(e);
    close(e);
    expect(e.termId).to.equal(27);
    e.selfNominate(D, 5n);
    expect(e.account(D)).to.deep.include({ state: "Candidate", deposit: 10005n, nominationEnd: 51 });
    expect(e.delegationOf(D)).to.equal(4701n);
    allWork(e);
    close(e);
    expect(e.stateOf(D)).to.equal("Validator");
  });
  it("a prisoner that never re-nominates is released at the close of term T + RELEASE: deposit refunded, delegations returned", () => {
    const e = setup();
    for (const k of [A, B, C]) e.recordBlock({ author: k, signers: [A, B, C, D] });
    close(e); // D jailed at T = 2, release at 242
    while (e.termId < 242) {
      allWork(e);
      close(e);
      expect(e.stateOf(D)).to.equal("Jailed");
    }
    allWork(e);
    close(e); // close of 242
    expect(e.stateOf(D)).to.equal("Eligible");
    expect(e.creditOf(D)).to.equal(10000n);
    expect(e.creditOf("d3")).to.equal(4700n);
    expect(e.conservation().ok).to.equal(true);
  });
  it("an inactive validator whose nomination ends at T is expired (step 5) before the jail step (7)", () => {
    const e = setup({ ...P, nominationExpiration: 1, custodyPeriod: 1, releasePeriod: 2 });
    expect(e.account(A)!.nominationEnd).to.equal(2);
    close(e); // nobody worked in term 2
    for (const k of [A, B, C, D]) expect(e.stateOf(k)).to.equal("Eligible");
    expect(e.events.filter((x) => x.kind === "jailed")).to.have.length(0);
    expect(e.events.filter((x) => x.kind === "expired")).to.have.length(4);
  });
});

describe("model/chain: rewards one term later", () => {
  it("fees of term 2 are paid at the close of term 3, in full when all signed", () => {
    const e = setup();
    allWork(e, 100n);
    close(e);
    expect(e.creditOf(A)).to.equal(0n);
    allWork(e);
    close(e);
    for (const k of [A, B, C, D]) expect(e.creditOf(k)).to.equal(100n);
    expect(e.events.filter((x) => x.kind === "rewardPaid" && x.term === 2)).to.have.length(4);
    expect(e.conservation().ok).to.equal(true);
  });
  it("applies the penalty and the additional rewards, burns the rest", () => {
    const e = setup();
    for (const k of [A, B, C, D]) e.addFees(k, 1000n);
    e.submitTermStats(300, [
      { key: A, proposed: 100, missed: 0, signed: 300 },
      { key: B, proposed: 100, missed: 10, signed: 175 },
      { key: C, proposed: 50, missed: 10, signed: 300 },
      { key: D, proposed: 50, missed: 50, signed: 100 },
    ]);
    close(e);
    allWork(e);
    close(e);
    // base (N = 300): A 1000, B 500 (S 175), C 1000, D 0 (S 100) → pool 1500
    // groups by missed/proposed: A 0, B 1/10, C 1/5, D 1
    // A: floor(1500/2) = 750 → 750 left; B: floor(750/2) = 375 → 375; C: floor(375/2) = 187 → 188; D: floor(188/2) = 94 → 94 burned
    expect([A, B, C, D].map((k) => e.creditOf(k))).to.deep.equal([1750n, 875n, 1187n, 94n]);
    expect(e.events.find((x) => x.kind === "rewardsBurned" && x.term === 2)).to.deep.include({ pool: 1500n, amount: 94n });
    expect(e.burned).to.equal(94n);
    expect(e.conservation().ok).to.equal(true);
  });
  it("rejects invalid blocks and authors outside the set", () => {
    const e = setup();
    expectCode(() => e.recordBlock({ author: A, signers: [A, B] }), "E_INVALID_BLOCK"); // 9900 of 19400
    expectCode(() => e.recordBlock({ author: E, signers: [A, B, C, D] }), "E_NOT_VALIDATOR");
    e.recordBlock({ author: A, signers: [A, B, C] }); // 14700 × 3 > 19400 × 2
    expect(e.current.stats.get(A)).to.deep.include({ proposed: 1, missed: 1, signed: 1 });
    expect(e.current.stats.get(D)).to.deep.include({ signed: 0 });
  });
});

describe("model/chain: double vote", () => {
  it("bans mid-term: deposit and unpaid rewards to the informant at once, out of the set, delegations returned minus the slash", () => {
    const e = setup(P, 100); // DELEGATOR_SLASH_RATE 100‰
    allWork(e, 300n); // term 2 rewards (unpaid until the close of 3)
    close(e);
    e.addFees(B, 50n); // term 3 rewards so far
    e.reportDoubleVote({ criminal: B, informant: "inf", offenceTerm: 3 });
    expect(e.stateOf(B)).to.equal("Banned");
    expect(e.validatorSet.map((v) => v.key)).to.deep.equal([A, C, D]);
    // 10000 deposit + 300 + 50 rewards + 10% of 4900
    expect(e.creditOf("inf")).to.equal(10000n + 350n + 490n);
    expect(e.creditOf("d1")).to.equal(4410n);
    expect(e.events.find((x) => x.kind === "banned")).to.deep.include({ key: B, seized: 10000n, rewards: 350n, slashed: 490n, returned: 4410n });
    expectCode(() => e.selfNominate(B, 1n), "E_BANNED");
    expectCode(() => e.delegate("z", B, 1n), "E_BANNED");
    expectCode(() => e.reportDoubleVote({ criminal: B, informant: "inf", offenceTerm: 3 }), "E_BANNED");
    // the banned validator gets nothing at the next closes; the others keep working
    allWork(e);
    close(e);
    expect(e.creditOf(B)).to.equal(0n);
    expect(e.creditOf(A)).to.equal(300n);
    expect(e.conservation().ok).to.equal(true);
  });
  it("slashed delegations are burned when slashToInformant = false", () => {
    const e = new ElectorModel({ params: { ...P, delegatorSlashRate: 1000 }, slashToInformant: false });
    for (const k of [A, B, C]) {
      e.selfNominate(k, 10000n);
      e.delegate("d", k, 2000n);
    }
    close(e);
    e.reportDoubleVote({ criminal: A, informant: "inf", offenceTerm: 2 });
    expect(e.creditOf("inf")).to.equal(10000n);
    expect(e.burned).to.equal(2000n);
    expect(e.conservation().ok).to.equal(true);
  });
  it("accepts reports within one term of the offence only, for members of that term's set", () => {
    const e = setup();
    allWork(e);
    close(e); // now term 3
    e.reportDoubleVote({ criminal: A, informant: "i", offenceTerm: 2 });
    allWork(e);
    close(e); // now term 4
    expectCode(() => e.reportDoubleVote({ criminal: B, informant: "i", offenceTerm: 2 }), "E_REPORT_TOO_OLD");
    expectCode(() => e.reportDoubleVote({ criminal: B, informant: "i", offenceTerm: 5 }), "E_INVALID_ARGUMENT");
    e.selfNominate(E, 10000n);
    expectCode(() => e.reportDoubleVote({ criminal: E, informant: "i", offenceTerm: 4 }), "E_NOT_VALIDATOR");
  });
  it("isDoubleVote: same (networkId, termId, height, round), different block hash", () => {
    const h = { networkId: 1, termId: 2, height: 10n, round: 0, blockHash: "aa" };
    expect(isDoubleVote(h, { ...h, blockHash: "bb" })).to.equal(true);
    expect(isDoubleVote(h, { ...h })).to.equal(false);
    expect(isDoubleVote(h, { ...h, blockHash: "bb", round: 1 })).to.equal(false);
    expect(isDoubleVote(h, { ...h, blockHash: "bb", height: 11n })).to.equal(false);
    expect(isDoubleVote(h, { ...h, blockHash: "bb", termId: 3 })).to.equal(false);
  });
});

describe("model/chain: conservation under random operations (property)", () => {
  type Op =
    | { t: "nom"; k: number; dep: bigint }
    | { t: "del"; d: number; k: number; q: bigint }
    | { t: "rev"; d: number; k: number; q: bigint }
    | { t: "work"; fee: bigint; skip: number }
    | { t: "close" }
    | { t: "ban"; k: number };
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ t: fc.constant("nom" as const), k: fc.integer({ min: 1, max: 6 }), dep: fc.bigInt({ min: 0n, max: 20000n }) }),
    fc.record({ t: fc.constant("del" as const), d: fc.integer({ min: 0, max: 3 }), k: fc.integer({ min: 1, max: 6 }), q: fc.bigInt({ min: 1n, max: 6000n }) }),
    fc.record({ t: fc.constant("rev" as const), d: fc.integer({ min: 0, max: 3 }), k: fc.integer({ min: 1, max: 6 }), q: fc.bigInt({ min: 1n, max: 6000n }) }),
    fc.record({ t: fc.constant("work" as const), fee: fc.bigInt({ min: 0n, max: 500n }), skip: fc.integer({ min: 0, max: 6 }) }),
    fc.record({ t: fc.constant("close" as const) }),
    fc.record({ t: fc.constant("ban" as const), k: fc.integer({ min: 1, max: 6 }) }),
  );
  it("inflow = held + credited + burned; Eligible/Banned hold nothing; an elected set is made of Validators", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), fc.integer({ min: 0, max: 1000 }), (ops, rate) => {
        const e = new ElectorModel({ params: { ...P, nominationExpiration: 3, custodyPeriod: 2, releasePeriod: 4, delegatorSlashRate: rate } });
        let kept = false;
        for (const o of ops) {
          try {
            if (o.t === "nom") e.selfNominate(keyOf(o.k), o.dep);
            else if (o.t === "del") e.delegate(`d${o.d}`, keyOf(o.k), o.q);
            else if (o.t === "rev") e.revoke(`d${o.d}`, keyOf(o.k), o.q);
            else if (o.t === "work") {
              const keys = e.validatorSet.map((v) => v.key);
              keys.forEach((k, i) => {
                if (i !== o.skip) e.recordBlock({ author: k, signers: keys, fee: o.fee });
              });
            } else if (o.t === "close") kept = close(e).keptPrevious;
            else e.reportDoubleVote({ criminal: keyOf(o.k), informant: "inf", offenceTerm: e.termId });
          } catch (err) {
            if (!(err instanceof ModelError)) throw err;
          }
          const c = e.conservation();
          expect(c.ok, JSON.stringify(c, (_, v) => (typeof v === "bigint" ? v.toString() : v))).to.equal(true);
          for (const a of e.allAccounts()) {
            expect(a.deposit >= 0n).to.equal(true);
            if (a.state === "Eligible" || a.state === "Banned") {
              expect(a.delegations.size).to.equal(0);
              expect(a.deposit).to.equal(0n);
            }
          }
          expect(e.validatorSet.length).to.be.at.most(P.maxValidators!);
          if (!kept) for (const v of e.validatorSet) expect(e.stateOf(v.key)).to.equal("Validator");
        }
      }),
      { numRuns: 300 },
    );
  });
});
