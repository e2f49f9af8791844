/**
 * The real Everscale validator set, decoded from a blockchain config (default: the
 * mainnet config `EVER_MAIN_CONFIG` shipped with `@broxus/locklift-network`), and a
 * deterministic mapping of its weights to DDVS stakes. See docs/real-validators.md.
 *
 * TL-B (block.tlb):
 * ```
 * validators_ext#12 utime_since:uint32 utime_until:uint32 total:(## 16) main:(## 16)
 *   { main <= total } { main >= 1 } total_weight:uint64
 *   list:(HashmapE 16 ValidatorDescr) = ValidatorSet;
 * validator#53 public_key:SigPubKey weight:uint64 = ValidatorDescr;
 * validator_addr#73 public_key:SigPubKey weight:uint64 adnl_addr:bits256 = ValidatorDescr;
 * ed25519_pubkey#8e81278a pubkey:bits256 = SigPubKey;
 * _ cur_validators:ValidatorSet = ConfigParam 34;   // 32: previous, 36: next
 * ```
 */
import { Cell, Dictionary, DictionaryValue, Slice } from "@ton/core";
import { NANO } from "../model/types";
import { EVER_MAIN_CONFIG } from "./config";

/** One validator of a config validator set. */
export interface RealValidator {
  /** Position in the set (dictionary key, 0-based; the first `main` are masterchain validators). */
  index: number;
  /** ed25519 consensus public key, 64 lowercase hex chars. */
  publicKey: string;
  /** Weight (the elector's share of stake; Σ = totalWeight). */
  weight: bigint;
  /** ADNL address, 64 hex chars, when the entry is `validator_addr#73`. */
  adnlAddr?: string;
}

/** A decoded `ValidatorSet` (config params 32/34/36). Times are unix seconds. */
export interface RealValidatorSet {
  utimeSince: number;
  utimeUntil: number;
  total: number;
  main: number;
  totalWeight: bigint;
  /** Ordered by index. */
  validators: RealValidator[];
}

const ValidatorDescrValue: DictionaryValue<Omit<RealValidator, "index">> = {
  serialize() {
    throw new Error("ValidatorDescr serialization is not supported");
  },
  parse(s: Slice) {
    const tag = s.loadUint(8);
    if (tag !== 0x53 && tag !== 0x73) throw new Error(`unknown ValidatorDescr tag 0x${tag.toString(16)}`);
    const keyTag = s.loadUint(32);
    if (keyTag !== 0x8e81278a) throw new Error(`unknown SigPubKey tag 0x${keyTag.toString(16)}`);
    const publicKey = s.loadBuffer(32).toString("hex");
    const weight = s.loadUintBig(64);
    const v: Omit<RealValidator, "index"> = { publicKey, weight };
    if (tag === 0x73) v.adnlAddr = s.loadBuffer(32).toString("hex");
    return v;
  },
};

/** Decode a `ValidatorSet` cell. */
export function parseValidatorSet(cell: Cell): RealValidatorSet {
  const s = cell.beginParse();
  const tag = s.loadUint(8);
  if (tag !== 0x12 && tag !== 0x11) throw new Error(`unknown ValidatorSet tag 0x${tag.toString(16)}`);
  const utimeSince = s.loadUint(32);
  const utimeUntil = s.loadUint(32);
  const total = s.loadUint(16);
  const main = s.loadUint(16);
  let totalWeight: bigint;
  let list: Dictionary<number, Omit<RealValidator, "index">>;
  if (tag === 0x12) {
    totalWeight = s.loadUintBig(64);
    list = s.loadDict(Dictionary.Keys.Uint(16), ValidatorDescrValue);
  } else {
    // validators#11: list:(Hashmap 16 ValidatorDescr), no total_weight (old format)
    list = Dictionary.loadDirect(Dictionary.Keys.Uint(16), ValidatorDescrValue, s);
    totalWeight = list.values().reduce((a, v) => a + v.weight, 0n);
  }
  const validators = list
    .keys()
    .sort((a, b) => a - b)
    .map(index => ({ index, ...list.get(index)! }));
  return { utimeSince, utimeUntil, total, main, totalWeight, validators };
}

/**
 * Decode config param `param` (34 = current set; 32 = previous; 36 = next) of a
 * config given as the base64 BOC of its root cell (ref 0 = param dictionary).
 */
export function loadRealValidatorSet(configBase64: string = EVER_MAIN_CONFIG, param = 34): RealValidatorSet {
  const params = Cell.fromBase64(configBase64)
    .refs[0].beginParse()
    .loadDictDirect(Dictionary.Keys.Uint(32), Dictionary.Values.Cell());
  const p = params.get(param);
  if (!p) throw new Error(`config has no param ${param}`);
  return parseValidatorSet(p);
}

/**
 * Default total stake for the real set: 1,000,000,000 EVER (in nanoevers), a round
 * figure of the order of Everscale's staked supply (see docs/real-validators.md).
 */
export const DEFAULT_TOTAL_STAKE = 1_000_000_000n * NANO;

export interface WeightsToStakesOptions {
  /** Σ of the returned stakes, nanoevers. Default `DEFAULT_TOTAL_STAKE`. */
  totalStake?: bigint;
}

/**
 * Turn weights into stakes (nanoevers) proportionally, in integer math:
 * `stake_i = floor(totalStake · w_i / W)` with `W = Σ w_i`, then the remainder
 * `totalStake − Σ stake_i` (< n) is handed out one nanoever at a time to the entries
 * with the largest fractional parts `(totalStake · w_i) mod W`, ties broken by lower
 * index (order of the input). Deterministic; Σ stakes == totalStake exactly; equal
 * weights get stakes that differ by at most 1 nanoever. Returns stakes in input order.
 */
export function weightsToStakes(
  validators: readonly { weight: bigint }[],
  opts: WeightsToStakesOptions = {},
): bigint[] {
  const totalStake = opts.totalStake ?? DEFAULT_TOTAL_STAKE;
  if (totalStake < 0n) throw new Error("totalStake must be >= 0");
  const W = validators.reduce((a, v) => a + v.weight, 0n);
  if (validators.length === 0) return [];
  if (W <= 0n) throw new Error("total weight must be > 0");
  const stakes: bigint[] = [];
  const rems: { i: number; r: bigint }[] = [];
  let sum = 0n;
  validators.forEach((v, i) => {
    if (v.weight < 0n) throw new Error("negative weight");
    const num = totalStake * v.weight;
    const q = num / W;
    stakes.push(q);
    sum += q;
    rems.push({ i, r: num % W });
  });
  let left = totalStake - sum;
  rems.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (let k = 0; left > 0n; k++, left--) stakes[rems[k].i] += 1n;
  return stakes;
}
