/**
 * Shared types, seed constants and JSON parsers of the DDVS reference model.
 *
 * Units used everywhere in `src/model/`:
 * - amounts: `bigint` nanoevers (1 EVER = 10^9 nanoevers);
 * - terms: integer term ids ("term T" is the id before it increments);
 * - time: unix seconds (`number`);
 * - keys: validator consensus keys, 64-char lowercase hex strings (uint256).
 *
 * Spec: shared/spec/DDVS.md §3, shared/seeds/dynamic-validator.md "Constants",
 * shared/spec/codechain-rules.md "Parameters".
 */

/** 1 EVER in nanoevers. */
export const NANO = 1_000_000_000n;

/** Error raised by every model function; `code` is a stable name such as `E_BANNED`. */
export class ModelError extends Error {
  readonly code: string;
  /** The offending input field (parsers), when there is one. */
  readonly field?: string;
  constructor(code: string, message: string, field?: string) {
    super(`${code}: ${message}`);
    this.name = "ModelError";
    this.code = code;
    this.field = field;
  }
}

/** Parameters of the election (codechain-rules.md "Election"). */
export interface ElectionParams {
  /** MAX_NUM_OF_VALIDATORS, ≥ 1. */
  maxValidators: number;
  /** MIN_NUM_OF_VALIDATORS, 1 ≤ MIN ≤ MAX. */
  minValidators: number;
  /** DELEGATION_THRESHOLD in nanoevers, > 0. */
  delegationThreshold: bigint;
  /** MIN_DEPOSIT in nanoevers, > 0. */
  minDeposit: bigint;
}

/** All config constants of the protocol (camelCase form of {@link SEED_PARAMS}). */
export interface ProtocolParams extends ElectionParams {
  /** TERM, seconds. */
  term: number;
  /** NOMINATION_EXPIRATION, terms. */
  nominationExpiration: number;
  /** CUSTODY_PERIOD, terms. */
  custodyPeriod: number;
  /** RELEASE_PERIOD, terms; CUSTODY_PERIOD < RELEASE_PERIOD. */
  releasePeriod: number;
  /** DELEGATOR_SLASH_RATE, per mille 0..1000 (the only parameter that may be 0). */
  delegatorSlashRate: number;
}

/** A candidate as seen by the election. */
export interface Candidate {
  /** Consensus key, 64 lowercase hex chars. */
  key: string;
  /** Self-nomination deposit, nanoevers. */
  deposit: bigint;
  /** Total delegation received, nanoevers. */
  delegation: bigint;
  /** Tie order: higher = more recent (re)nomination or renewal (unix seconds in the chain model). */
  order: number;
}

/** An elected validator; votingPower = delegation at election time, nanoevers. */
export interface Elected {
  key: string;
  votingPower: bigint;
}

/** Account states of the seed FSM. */
export type AccountState = "Eligible" | "Candidate" | "Validator" | "Jailed" | "Banned";
export const ACCOUNT_STATES: readonly AccountState[] = ["Eligible", "Candidate", "Validator", "Jailed", "Banned"];

/**
 * The seed constants, named as in dynamic-validator.md. TERM is in seconds, the periods in
 * terms, amounts in nanoevers, DELEGATOR_SLASH_RATE per mille. MIN_DEPOSIT and
 * DELEGATION_THRESHOLD are scaled to Everscale (see docs/model.md): 10,000 EVER and 100,000 EVER.
 */
export const SEED_PARAMS = Object.freeze({
  TERM: 3600,
  NOMINATION_EXPIRATION: 24,
  CUSTODY_PERIOD: 24,
  RELEASE_PERIOD: 240,
  MAX_NUM_OF_VALIDATORS: 30,
  MIN_NUM_OF_VALIDATORS: 4,
  DELEGATION_THRESHOLD: 100_000n * NANO,
  MIN_DEPOSIT: 10_000n * NANO,
  DELEGATOR_SLASH_RATE: 0,
} as const);

/** {@link SEED_PARAMS} as {@link ProtocolParams}. */
export const DEFAULT_PROTOCOL_PARAMS: Readonly<ProtocolParams> = Object.freeze({
  term: SEED_PARAMS.TERM,
  nominationExpiration: SEED_PARAMS.NOMINATION_EXPIRATION,
  custodyPeriod: SEED_PARAMS.CUSTODY_PERIOD,
  releasePeriod: SEED_PARAMS.RELEASE_PERIOD,
  maxValidators: SEED_PARAMS.MAX_NUM_OF_VALIDATORS,
  minValidators: SEED_PARAMS.MIN_NUM_OF_VALIDATORS,
  delegationThreshold: SEED_PARAMS.DELEGATION_THRESHOLD,
  minDeposit: SEED_PARAMS.MIN_DEPOSIT,
  delegatorSlashRate: SEED_PARAMS.DELEGATOR_SLASH_RATE,
});

/** {@link SEED_PARAMS} as {@link ElectionParams}. */
export const DEFAULT_ELECTION_PARAMS: Readonly<ElectionParams> = Object.freeze({
  maxValidators: SEED_PARAMS.MAX_NUM_OF_VALIDATORS,
  minValidators: SEED_PARAMS.MIN_NUM_OF_VALIDATORS,
  delegationThreshold: SEED_PARAMS.DELEGATION_THRESHOLD,
  minDeposit: SEED_PARAMS.MIN_DEPOSIT,
});

const KEY_RE = /^[0-9a-f]{64}$/;
const AMOUNT_RE = /^(0|[1-9][0-9]*)$/;
const UINT256_MAX = (1n << 256n) - 1n;

/** True when `k` is a 64-char lowercase hex string. */
export function isKey(k: unknown): k is string {
  return typeof k === "string" && KEY_RE.test(k);
}

/** Throws E_INVALID_KEY unless `k` is a 64-char lowercase hex key. */
export function assertKey(k: unknown, field = "key"): string {
  if (!isKey(k)) throw new ModelError("E_INVALID_KEY", `${field}: expected 64 lowercase hex chars, got ${JSON.stringify(k)}`, field);
  return k;
}

/** Throws E_INVALID_AMOUNT unless `a` is a bigint ≥ 0 (and > 0 when `positive`). */
export function assertAmount(a: unknown, field = "amount", positive = false): bigint {
  if (typeof a !== "bigint" || a < 0n || (positive && a === 0n)) {
    throw new ModelError("E_INVALID_AMOUNT", `${field}: expected a ${positive ? "positive" : "non-negative"} bigint, got ${String(a)}`, field);
  }
  return a;
}

function parseAmountField(v: unknown, field: string, code: string): bigint {
  if (typeof v === "bigint") {
    if (v < 0n || v > UINT256_MAX) throw new ModelError(code, `${field}: out of range`, field);
    return v;
  }
  if (typeof v !== "string" || !AMOUNT_RE.test(v)) {
    throw new ModelError(code, `${field}: expected a decimal string of nanoevers, got ${JSON.stringify(v)}`, field);
  }
  const x = BigInt(v);
  if (x > UINT256_MAX) throw new ModelError(code, `${field}: out of range`, field);
  return x;
}

function parseIntField(v: unknown, field: string, code: string, min: number): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < min) {
    throw new ModelError(code, `${field}: expected an integer ≥ ${min}, got ${JSON.stringify(v)}`, field);
  }
  return v;
}

function asObject(json: unknown, what: string, code: string): Record<string, unknown> {
  const v = typeof json === "string" ? safeJsonParse(json, code) : json;
  if (v === null || typeof v !== "object" || Array.isArray(v)) throw new ModelError(code, `${what}: expected a JSON object`, what);
  return v as Record<string, unknown>;
}

function safeJsonParse(s: string, code: string): unknown {
  try {
    return JSON.parse(s);
  } catch (e) {
    throw new ModelError(code, `invalid JSON: ${(e as Error).message}`);
  }
}

/** Throws E_INVALID_PARAM unless the election params are all non-zero and MIN ≤ MAX. */
export function validateElectionParams(p: ElectionParams): ElectionParams {
  const bad = (field: string, msg: string) => new ModelError("E_INVALID_PARAM", `${field}: ${msg}`, field);
  if (!Number.isSafeInteger(p.maxValidators) || p.maxValidators < 1) throw bad("maxValidators", "must be an integer ≥ 1");
  if (!Number.isSafeInteger(p.minValidators) || p.minValidators < 1) throw bad("minValidators", "must be an integer ≥ 1");
  if (p.minValidators > p.maxValidators) throw bad("minValidators", "must be ≤ maxValidators");
  if (typeof p.delegationThreshold !== "bigint" || p.delegationThreshold <= 0n) throw bad("delegationThreshold", "must be > 0");
  if (typeof p.minDeposit !== "bigint" || p.minDeposit <= 0n) throw bad("minDeposit", "must be > 0");
  return p;
}

/**
 * Throws E_INVALID_PARAM unless all params are valid (codechain-rules.md "Parameters"):
 * all non-zero (except delegatorSlashRate, per mille 0..1000), MIN ≤ MAX, CUSTODY < RELEASE.
 */
export function validateProtocolParams(p: ProtocolParams): ProtocolParams {
  validateElectionParams(p);
  const bad = (field: string, msg: string) => new ModelError("E_INVALID_PARAM", `${field}: ${msg}`, field);
  for (const f of ["term", "nominationExpiration", "custodyPeriod", "releasePeriod"] as const) {
    if (!Number.isSafeInteger(p[f]) || p[f] < 1) throw bad(f, "must be an integer ≥ 1");
  }
  if (p.custodyPeriod >= p.releasePeriod) throw bad("custodyPeriod", "must be < releasePeriod");
  if (!Number.isSafeInteger(p.delegatorSlashRate) || p.delegatorSlashRate < 0 || p.delegatorSlashRate > 1000) {
    throw bad("delegatorSlashRate", "must be an integer per mille in 0..1000");
  }
  return p;
}

const ELECTION_KEYS = ["maxValidators", "minValidators", "delegationThreshold", "minDeposit"];
const PROTOCOL_KEYS = [...ELECTION_KEYS, "term", "nominationExpiration", "custodyPeriod", "releasePeriod", "delegatorSlashRate"];

/**
 * Parses `{ "maxValidators", "minValidators", "delegationThreshold": "<nanoevers>", "minDeposit": "<nanoevers>" }`
 * (object or JSON text). Missing fields default to the seed; unknown fields are rejected.
 * Errors: ModelError E_INVALID_PARAM whose `field` names the bad field.
 */
export function parseElectionParams(json: unknown): ElectionParams {
  const o = asObject(json ?? {}, "params", "E_INVALID_PARAM");
  for (const k of Object.keys(o)) {
    if (!ELECTION_KEYS.includes(k)) throw new ModelError("E_INVALID_PARAM", `${k}: unknown field`, k);
  }
  const d = DEFAULT_ELECTION_PARAMS;
  const p: ElectionParams = {
    maxValidators: o.maxValidators === undefined ? d.maxValidators : parseIntField(o.maxValidators, "maxValidators", "E_INVALID_PARAM", 1),
    minValidators: o.minValidators === undefined ? d.minValidators : parseIntField(o.minValidators, "minValidators", "E_INVALID_PARAM", 1),
    delegationThreshold:
      o.delegationThreshold === undefined ? d.delegationThreshold : parseAmountField(o.delegationThreshold, "delegationThreshold", "E_INVALID_PARAM"),
    minDeposit: o.minDeposit === undefined ? d.minDeposit : parseAmountField(o.minDeposit, "minDeposit", "E_INVALID_PARAM"),
  };
  return validateElectionParams(p);
}

/**
 * Parses all protocol params (the four election fields as in {@link parseElectionParams} plus
 * integer `term`, `nominationExpiration`, `custodyPeriod`, `releasePeriod`, `delegatorSlashRate`).
 * Missing fields default to the seed; unknown fields are rejected (E_INVALID_PARAM).
 */
export function parseProtocolParams(json: unknown): ProtocolParams {
  const o = asObject(json ?? {}, "params", "E_INVALID_PARAM");
  for (const k of Object.keys(o)) {
    if (!PROTOCOL_KEYS.includes(k)) throw new ModelError("E_INVALID_PARAM", `${k}: unknown field`, k);
  }
  const election: Record<string, unknown> = {};
  for (const k of ELECTION_KEYS) if (o[k] !== undefined) election[k] = o[k];
  const e = parseElectionParams(election);
  const d = DEFAULT_PROTOCOL_PARAMS;
  const int = (k: "term" | "nominationExpiration" | "custodyPeriod" | "releasePeriod" | "delegatorSlashRate", min: number) =>
    o[k] === undefined ? d[k] : parseIntField(o[k], k, "E_INVALID_PARAM", min);
  return validateProtocolParams({
    ...e,
    term: int("term", 1),
    nominationExpiration: int("nominationExpiration", 1),
    custodyPeriod: int("custodyPeriod", 1),
    releasePeriod: int("releasePeriod", 1),
    delegatorSlashRate: int("delegatorSlashRate", 0),
  });
}

/**
 * Parses `[{ "key": "<64 hex>", "deposit": "<nanoevers>", "delegation": "<nanoevers>", "order": <int ≥ 0> }]`
 * (array or JSON text). Errors: ModelError E_INVALID_CANDIDATE with `field` = the bad field name and
 * a message `candidates[i].field: ...`; duplicate keys are rejected (field "key").
 */
export function parseCandidates(json: unknown): Candidate[] {
  const v = typeof json === "string" ? safeJsonParse(json, "E_INVALID_CANDIDATE") : json;
  if (!Array.isArray(v)) throw new ModelError("E_INVALID_CANDIDATE", "candidates: expected a JSON array", "candidates");
  const seen = new Set<string>();
  return v.map((item, i) => {
    const at = `candidates[${i}]`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      throw new ModelError("E_INVALID_CANDIDATE", `${at}: expected an object`, "candidate");
    }
    const o = item as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (!["key", "deposit", "delegation", "order"].includes(k)) throw new ModelError("E_INVALID_CANDIDATE", `${at}.${k}: unknown field`, k);
    }
    if (!isKey(o.key)) throw new ModelError("E_INVALID_CANDIDATE", `${at}.key: expected 64 lowercase hex chars, got ${JSON.stringify(o.key)}`, "key");
    if (seen.has(o.key)) throw new ModelError("E_INVALID_CANDIDATE", `${at}.key: duplicate key ${o.key}`, "key");
    seen.add(o.key);
    const wrap = <T>(field: string, f: () => T): T => {
      try {
        return f();
      } catch (e) {
        throw new ModelError("E_INVALID_CANDIDATE", `${at}.${(e as Error).message.replace(/^E_INVALID_CANDIDATE: /, "")}`, field);
      }
    };
    return {
      key: o.key,
      deposit: wrap("deposit", () => parseAmountField(o.deposit, "deposit", "E_INVALID_CANDIDATE")),
      delegation: wrap("delegation", () => parseAmountField(o.delegation, "delegation", "E_INVALID_CANDIDATE")),
      order: wrap("order", () => parseIntField(o.order, "order", "E_INVALID_CANDIDATE", 0)),
    };
  });
}

/** Serialises candidates to the JSON shape accepted by {@link parseCandidates}. */
export function candidatesToJson(cands: readonly Candidate[]): { key: string; deposit: string; delegation: string; order: number }[] {
  return cands.map((c) => ({ key: c.key, deposit: c.deposit.toString(), delegation: c.delegation.toString(), order: c.order }));
}

/** Test/demo helper: a deterministic 64-hex key from a small integer or label. */
export function keyOf(label: number | string): string {
  if (typeof label === "number") return label.toString(16).padStart(64, "0");
  let h = "";
  for (const ch of label) h += ch.charCodeAt(0).toString(16).padStart(2, "0");
  if (h.length > 64) throw new ModelError("E_INVALID_KEY", `label too long: ${label}`);
  return h.padStart(64, "0");
}

/** Throws E_INVALID_TIME / E_INVALID_TERM for non-integers or negatives. */
export function assertInt(n: unknown, field: string, code = "E_INVALID_ARGUMENT"): number {
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw new ModelError(code, `${field}: expected an integer ≥ 0, got ${String(n)}`, field);
  return n;
}
