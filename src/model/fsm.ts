/**
 * Account FSM of dynamic-validator.md ("FSM of Account States", transitions 1–9) with the exact
 * rules of codechain-rules.md "Nomination", "Delegation", "Term close order" and "Double vote".
 *
 * `transition(account, event, params)` is pure: it returns a new account and the coin effects, or
 * throws a {@link ModelError} with a named code and changes nothing.
 *
 * Units: amounts bigint nanoevers; terms integer term ids; `order` the tie order of the election
 * (higher = more recent; the chain model uses unix seconds).
 *
 * | # | from → to | event |
 * |---|-----------|-------|
 * | 1 | Eligible → Candidate | selfNominate |
 * | 2 | Candidate → Eligible | expire (nomination end ≤ T) |
 * | 3 | Candidate → Validator | elected |
 * | 4 | Validator → Candidate | termEnd, worked (renewed) |
 * | 5 | Validator → Jailed | termEnd, not worked |
 * | 6 | Candidate / Validator / Jailed (and Eligible, see docs) → Banned | doubleVote |
 * | 7 | Jailed → Candidate | selfNominate with custody_until < current term |
 * | 8 | Jailed → Jailed | selfNominate with custody_until ≥ current term: fails E_IN_CUSTODY |
 * | 9 | Jailed → Eligible | release (release term ≤ T) |
 * Candidate/Validator selfNominate (renewal, deposit top-up) keeps the state; delegate/revoke keep it.
 */
import { AccountState, ModelError, ProtocolParams, DEFAULT_PROTOCOL_PARAMS } from "./types";

/** One account (root) of a chain's registry. */
export interface Account {
  key: string;
  state: AccountState;
  /** Deposit held by the elector (Candidate/Validator/Jailed); 0 otherwise. */
  deposit: bigint;
  /** Term id at (and after) whose close the nomination expires; 0 when not nominated. */
  nominationEnd: number;
  /** Jailed: self-nomination allowed only when custodyUntil < current term. 0 otherwise. */
  custodyUntil: number;
  /** Jailed: released at the close of a term T ≥ releaseAt. 0 otherwise. */
  releaseAt: number;
  /** Delegator id → delegated amount (entries > 0 only). */
  delegations: ReadonlyMap<string, bigint>;
  /** Election tie order: higher = more recent (re)nomination or renewal. */
  order: number;
}

/** Events of the FSM. `term` is the current term id (selfNominate) or the closing term T (close events). */
export type FsmEvent =
  | { type: "selfNominate"; deposit: bigint; term: number; order: number }
  | { type: "expire"; term: number }
  | { type: "elected" }
  | { type: "termEnd"; term: number; worked: boolean; order: number }
  | { type: "doubleVote" }
  | { type: "release"; term: number }
  | { type: "delegate"; delegator: string; amount: bigint }
  | { type: "revoke"; delegator: string; amount: bigint };

/** Outcome of a transition. */
export interface TransitionResult {
  account: Account;
  /** Seed transition number 1–9, or null for a same-state registry change (renewal, delegate, revoke). */
  transition: number | null;
  /** Deposit refunded to the account (expiry, release). */
  refund: bigint;
  /** Deposit seized for the informant (ban). */
  seized: bigint;
  /** Delegations returned to their delegators (expiry, release, ban; revoke returns the revoked part). */
  returned: ReadonlyMap<string, bigint>;
}

/** Params the FSM needs. */
export type FsmParams = Pick<ProtocolParams, "nominationExpiration" | "custodyPeriod" | "releasePeriod">;

/** A fresh Eligible account. */
export function newAccount(key: string): Account {
  return { key, state: "Eligible", deposit: 0n, nominationEnd: 0, custodyUntil: 0, releaseAt: 0, delegations: new Map(), order: 0 };
}

/** Sum of delegations of an account. */
export function totalDelegation(a: Pick<Account, "delegations">): bigint {
  let s = 0n;
  for (const v of a.delegations.values()) s += v;
  return s;
}

const EMPTY: ReadonlyMap<string, bigint> = new Map();

function fail(code: string, msg: string): never {
  throw new ModelError(code, msg);
}

function result(account: Account, transition: number | null, extra: Partial<Omit<TransitionResult, "account" | "transition">> = {}): TransitionResult {
  return { account, transition, refund: extra.refund ?? 0n, seized: extra.seized ?? 0n, returned: extra.returned ?? EMPTY };
}

/** Returns the account to Eligible: deposit refunded and delegations returned. */
function toEligible(a: Account, transition: number): TransitionResult {
  return result(
    { ...a, state: "Eligible", deposit: 0n, nominationEnd: 0, custodyUntil: 0, releaseAt: 0, delegations: new Map() },
    transition,
    { refund: a.deposit, returned: new Map(a.delegations) },
  );
}

/**
 * Applies `ev` to `a`. Errors (ModelError codes):
 * E_BANNED, E_IN_CUSTODY, E_NOT_CANDIDATE, E_NOT_VALIDATOR, E_NOT_JAILED, E_NOT_EXPIRED, E_NOT_RELEASED,
 * E_INSUFFICIENT_DELEGATION, E_ZERO_AMOUNT, E_INVALID_AMOUNT.
 */
export function transition(a: Account, ev: FsmEvent, params: FsmParams = DEFAULT_PROTOCOL_PARAMS): TransitionResult {
  switch (ev.type) {
    case "selfNominate": {
      if (typeof ev.deposit !== "bigint" || ev.deposit < 0n) fail("E_INVALID_AMOUNT", "deposit must be a bigint ≥ 0");
      const end = Math.max(a.nominationEnd, ev.term + params.nominationExpiration);
      switch (a.state) {
        case "Banned":
          return fail("E_BANNED", `${a.key} is banned`);
        case "Eligible": // (1)
          return result({ ...a, state: "Candidate", deposit: a.deposit + ev.deposit, nominationEnd: end, order: ev.order }, 1);
        case "Candidate":
        case "Validator": // renewal / top-up, state kept
          return result({ ...a, deposit: a.deposit + ev.deposit, nominationEnd: end, order: ev.order }, null);
        case "Jailed":
          if (!(a.custodyUntil < ev.term)) return fail("E_IN_CUSTODY", `${a.key} is in custody until term ${a.custodyUntil}`); // (8)
          // (7): the jailed deposit is added back, delegations kept
          return result(
            { ...a, state: "Candidate", deposit: a.deposit + ev.deposit, nominationEnd: end, custodyUntil: 0, releaseAt: 0, order: ev.order },
            7,
          );
      }
      break;
    }
    case "expire": // (2) — also an un-renewed (inactive) Validator, see docs/model.md
      if (a.state !== "Candidate" && a.state !== "Validator") return fail("E_NOT_CANDIDATE", `${a.key} is ${a.state}`);
      if (a.nominationEnd > ev.term) return fail("E_NOT_EXPIRED", `${a.key} nominated until term ${a.nominationEnd}`);
      return toEligible(a, 2);
    case "elected": // (3)
      if (a.state !== "Candidate") return fail("E_NOT_CANDIDATE", `${a.key} is ${a.state}`);
      return result({ ...a, state: "Validator" }, 3);
    case "termEnd":
      if (a.state !== "Validator") return fail("E_NOT_VALIDATOR", `${a.key} is ${a.state}`);
      if (ev.worked) {
        // (4): renewed, moves to the top of the tie order
        return result({ ...a, state: "Candidate", nominationEnd: Math.max(a.nominationEnd, ev.term + params.nominationExpiration), order: ev.order }, 4);
      }
      // (5): leaves the candidates with its deposit; delegations kept
      return result(
        { ...a, state: "Jailed", nominationEnd: 0, custodyUntil: ev.term + params.custodyPeriod, releaseAt: ev.term + params.releasePeriod },
        5,
      );
    case "doubleVote": // (6)
      if (a.state === "Banned") return fail("E_BANNED", `${a.key} is already banned`);
      return result(
        { ...a, state: "Banned", deposit: 0n, nominationEnd: 0, custodyUntil: 0, releaseAt: 0, delegations: new Map() },
        6,
        { seized: a.deposit, returned: new Map(a.delegations) },
      );
    case "release": // (9)
      if (a.state !== "Jailed") return fail("E_NOT_JAILED", `${a.key} is ${a.state}`);
      if (a.releaseAt > ev.term) return fail("E_NOT_RELEASED", `${a.key} is released at term ${a.releaseAt}`);
      return toEligible(a, 9);
    case "delegate": {
      if (typeof ev.amount !== "bigint" || ev.amount < 0n) fail("E_INVALID_AMOUNT", "amount must be a bigint ≥ 0");
      if (ev.amount === 0n) fail("E_ZERO_AMOUNT", "delegation of 0");
      if (a.state === "Banned") fail("E_BANNED", `${a.key} is banned`);
      if (a.state === "Eligible") fail("E_NOT_CANDIDATE", `${a.key} is not a candidate`);
      const d = new Map(a.delegations);
      d.set(ev.delegator, (d.get(ev.delegator) ?? 0n) + ev.amount);
      return result({ ...a, delegations: d }, null);
    }
    case "revoke": {
      if (typeof ev.amount !== "bigint" || ev.amount < 0n) fail("E_INVALID_AMOUNT", "amount must be a bigint ≥ 0");
      if (ev.amount === 0n) fail("E_ZERO_AMOUNT", "revoke of 0");
      const have = a.delegations.get(ev.delegator) ?? 0n;
      if (ev.amount > have) fail("E_INSUFFICIENT_DELEGATION", `${ev.delegator} delegated ${have} to ${a.key}, cannot revoke ${ev.amount}`);
      const d = new Map(a.delegations);
      if (have === ev.amount) d.delete(ev.delegator);
      else d.set(ev.delegator, have - ev.amount);
      return result({ ...a, delegations: d }, null, { returned: new Map([[ev.delegator, ev.amount]]) });
    }
  }
  return fail("E_INVALID_ARGUMENT", `unknown event ${(ev as { type: string }).type}`);
}
