import { expect } from "chai";
import { Account, FsmParams, ModelError, keyOf, newAccount, totalDelegation, transition } from "../../../src/model";

const P: FsmParams = { nominationExpiration: 24, custodyPeriod: 24, releasePeriod: 240 };
const K = keyOf(1);

function expectCode(f: () => unknown, code: string): void {
  expect(f).to.throw(ModelError).with.property("code", code);
}

function nominated(term = 10, deposit = 100n): Account {
  return transition(newAccount(K), { type: "selfNominate", deposit, term, order: 1 }, P).account;
}
function validator(): Account {
  return transition(nominated(), { type: "elected" }, P).account;
}
function withDelegation(a: Account, d = "d1", amount = 50n): Account {
  return transition(a, { type: "delegate", delegator: d, amount }, P).account;
}
function jailed(T = 20): Account {
  return transition(withDelegation(validator()), { type: "termEnd", term: T, worked: false, order: 0 }, P).account;
}

describe("model/fsm: transitions 1–9", () => {
  it("(1) Eligible → Candidate on SELF_NOMINATE; nomination end = term + NOMINATION_EXPIRATION", () => {
    const r = transition(newAccount(K), { type: "selfNominate", deposit: 100n, term: 10, order: 5 }, P);
    expect(r.transition).to.equal(1);
    expect(r.account).to.deep.include({ state: "Candidate", deposit: 100n, nominationEnd: 34, order: 5 });
  });
  it("renewal: deposits accumulate, 0 renews, end = max(old, term + NE), order updated", () => {
    const a = nominated(10, 100n);
    const r = transition(a, { type: "selfNominate", deposit: 0n, term: 15, order: 9 }, P);
    expect(r.transition).to.equal(null);
    expect(r.account).to.deep.include({ state: "Candidate", deposit: 100n, nominationEnd: 39, order: 9 });
    const r2 = transition(r.account, { type: "selfNominate", deposit: 7n, term: 12, order: 10 }, P);
    expect(r2.account).to.deep.include({ deposit: 107n, nominationEnd: 39 });
    const v = transition(validator(), { type: "selfNominate", deposit: 1n, term: 11, order: 3 }, P);
    expect(v.account.state).to.equal("Validator");
  });
  it("(2) Candidate → Eligible at the close of term T ≥ nomination end: deposit refunded, delegations returned", () => {
    const a = withDelegation(nominated(10));
    expectCode(() => transition(a, { type: "expire", term: 33 }, P), "E_NOT_EXPIRED");
    const r = transition(a, { type: "expire", term: 34 }, P);
    expect(r.transition).to.equal(2);
    expect(r.account).to.deep.include({ state: "Eligible", deposit: 0n });
    expect(r.refund).to.equal(100n);
    expect(Object.fromEntries(r.returned)).to.deep.equal({ d1: 50n });
    expect(totalDelegation(r.account)).to.equal(0n);
  });
  it("(3) Candidate → Validator when elected", () => {
    const r = transition(nominated(), { type: "elected" }, P);
    expect(r.transition).to.equal(3);
    expect(r.account.state).to.equal("Validator");
    expectCode(() => transition(newAccount(K), { type: "elected" }, P), "E_NOT_CANDIDATE");
  });
  it("(4) Validator → Candidate at term end when it worked: renewed to T + NE, top of tie order", () => {
    const r = transition(validator(), { type: "termEnd", term: 30, worked: true, order: 99 }, P);
    expect(r.transition).to.equal(4);
    expect(r.account).to.deep.include({ state: "Candidate", nominationEnd: 54, order: 99 });
    expectCode(() => transition(nominated(), { type: "termEnd", term: 30, worked: true, order: 0 }, P), "E_NOT_VALIDATOR");
  });
  it("(5) Validator → Jailed at term end when it did not work: custody T + 24, release T + 240, deposit and delegations kept", () => {
    const r = transition(withDelegation(validator()), { type: "termEnd", term: 20, worked: false, order: 0 }, P);
    expect(r.transition).to.equal(5);
    expect(r.account).to.deep.include({ state: "Jailed", deposit: 100n, custodyUntil: 44, releaseAt: 260 });
    expect(totalDelegation(r.account)).to.equal(50n);
    expect(r.refund).to.equal(0n);
  });
  it("(6) Candidate, Validator, Jailed → Banned on double vote: deposit seized, delegations returned", () => {
    for (const a of [withDelegation(nominated()), withDelegation(validator()), jailed()]) {
      const r = transition(a, { type: "doubleVote" }, P);
      expect(r.transition).to.equal(6);
      expect(r.account.state).to.equal("Banned");
      expect(r.seized).to.equal(100n);
      expect(Object.fromEntries(r.returned)).to.deep.equal({ d1: 50n });
      expectCode(() => transition(r.account, { type: "doubleVote" }, P), "E_BANNED");
      expectCode(() => transition(r.account, { type: "selfNominate", deposit: 1n, term: 100, order: 0 }, P), "E_BANNED");
      expectCode(() => transition(r.account, { type: "delegate", delegator: "x", amount: 1n }, P), "E_BANNED");
    }
  });
  it("(7) Jailed → Candidate on SELF_NOMINATE once custody_until < current term; jailed deposit added back", () => {
    const j = jailed(20); // custody until 44
    const r = transition(j, { type: "selfNominate", deposit: 5n, term: 45, order: 7 }, P);
    expect(r.transition).to.equal(7);
    expect(r.account).to.deep.include({ state: "Candidate", deposit: 105n, nominationEnd: 69, custodyUntil: 0, releaseAt: 0 });
    expect(totalDelegation(r.account)).to.equal(50n);
  });
  it("(8) Jailed stays Jailed: SELF_NOMINATE while custody_until ≥ current term fails E_IN_CUSTODY", () => {
    const j = jailed(20);
    expectCode(() => transition(j, { type: "selfNominate", deposit: 5n, term: 44, order: 7 }, P), "E_IN_CUSTODY");
    expectCode(() => transition(j, { type: "selfNominate", deposit: 0n, term: 21, order: 7 }, P), "E_IN_CUSTODY");
    expect(j.state).to.equal("Jailed");
  });
  it("(9) Jailed → Eligible at the close of term T ≥ release term: deposit refunded, delegations returned", () => {
    const j = jailed(20);
    expectCode(() => transition(j, { type: "release", term: 259 }, P), "E_NOT_RELEASED");
    const r = transition(j, { type: "release", term: 260 }, P);
    expect(r.transition).to.equal(9);
    expect(r.account.state).to.equal("Eligible");
    expect(r.refund).to.equal(100n);
    expect(Object.fromEntries(r.returned)).to.deep.equal({ d1: 50n });
    expectCode(() => transition(nominated(), { type: "release", term: 999 }, P), "E_NOT_JAILED");
  });
});

describe("model/fsm: delegation", () => {
  it("DELEGATE to Candidate, Validator and Jailed; fails to Eligible and Banned", () => {
    for (const a of [nominated(), validator(), jailed()]) {
      const r = transition(a, { type: "delegate", delegator: "d2", amount: 10n }, P);
      expect(r.account.delegations.get("d2")).to.equal(10n);
      expect(r.account.state).to.equal(a.state);
    }
    expectCode(() => transition(newAccount(K), { type: "delegate", delegator: "d", amount: 1n }, P), "E_NOT_CANDIDATE");
    expectCode(() => transition(nominated(), { type: "delegate", delegator: "d", amount: 0n }, P), "E_ZERO_AMOUNT");
  });
  it("REVOKE q ≤ delegated, immediate; more fails E_INSUFFICIENT_DELEGATION", () => {
    const a = withDelegation(validator(), "d1", 50n);
    expectCode(() => transition(a, { type: "revoke", delegator: "d1", amount: 51n }, P), "E_INSUFFICIENT_DELEGATION");
    expectCode(() => transition(a, { type: "revoke", delegator: "d9", amount: 1n }, P), "E_INSUFFICIENT_DELEGATION");
    const r = transition(a, { type: "revoke", delegator: "d1", amount: 20n }, P);
    expect(r.account.delegations.get("d1")).to.equal(30n);
    expect(Object.fromEntries(r.returned)).to.deep.equal({ d1: 20n });
    const r2 = transition(r.account, { type: "revoke", delegator: "d1", amount: 30n }, P);
    expect(r2.account.delegations.has("d1")).to.equal(false);
  });
  it("is pure: the input account is never modified", () => {
    const a = withDelegation(validator());
    const snapshot = JSON.stringify({ ...a, delegations: [...a.delegations] }, (_, v) => (typeof v === "bigint" ? v.toString() : v));
    transition(a, { type: "delegate", delegator: "d1", amount: 1n }, P);
    transition(a, { type: "doubleVote" }, P);
    expect(JSON.stringify({ ...a, delegations: [...a.delegations] }, (_, v) => (typeof v === "bigint" ? v.toString() : v))).to.equal(snapshot);
  });
});
