/** Config parameter ids (docs/messages.md §1): name ↔ id, for proposals and reports. */
export const CONFIG_PARAMS: Readonly<Record<string, number>> = Object.freeze({
  TERM: 1,
  NOMINATION_EXPIRATION: 2,
  CUSTODY_PERIOD: 3,
  RELEASE_PERIOD: 4,
  MAX_NUM_OF_VALIDATORS: 5,
  MIN_NUM_OF_VALIDATORS: 6,
  DELEGATION_THRESHOLD: 7,
  MIN_DEPOSIT: 8,
  DELEGATOR_SLASH_RATE: 9,
  SLASH_TO_INFORMANT: 10,
  MIN_LOCK_PERIOD: 11,
  MAX_LOCK_PERIOD: 12,
  MIN_UNLOCK_PERIOD: 13,
  MAX_UNLOCK_PERIOD: 14,
  MAX_COMMISSION: 15,
  MIN_STAKE: 16,
  REPORT_TIMEOUT: 17,
  MAX_PROPOSAL_DURATION: 18,
  CHAIN_LIST: 32,
  ROOT_CODE: 33,
  WALLET_CODE: 34,
  VALIDATOR_SET: 64,
  BAN_VALIDATOR: 65,
});

/** Params a validator may propose through its root (not 64/65, which electors create). */
export const PROPOSABLE = Object.keys(CONFIG_PARAMS).filter((n) => CONFIG_PARAMS[n] < 64);

/** Id of a parameter given by name (case-insensitive) or number; throws on unknown ones. */
export function paramId(p: string): number {
  const n = /^[0-9]+$/.test(p) ? Number(p) : CONFIG_PARAMS[p.toUpperCase()];
  if (n === undefined || !Object.values(CONFIG_PARAMS).includes(n)) throw new Error(`unknown config parameter ${p} (known: ${Object.keys(CONFIG_PARAMS).join(", ")})`);
  return n;
}

/** Name of a parameter id (`PARAM_<id>` when unknown). */
export function paramName(id: number): string {
  return Object.keys(CONFIG_PARAMS).find((k) => CONFIG_PARAMS[k] === id) ?? `PARAM_${id}`;
}

/** Parses a proposal id `origin:seq` (e.g. `-1:0`). */
export function parseProposalId(s: string): { originChain: number; seq: number } {
  const m = /^(-?[0-9]+):([0-9]+)$/.exec(s.trim());
  if (!m) throw new Error(`bad proposal id ${JSON.stringify(s)}: expected ORIGIN:SEQ, e.g. -1:0`);
  const originChain = Number(m[1]);
  const seq = Number(m[2]);
  if (originChain < -128 || originChain > 127 || seq > 0xffffffff) throw new Error(`bad proposal id ${s}: out of range`);
  return { originChain, seq };
}
