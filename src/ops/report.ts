/**
 * The demo report: the exact JSON shape `ddvs demo --json FILE` writes, its shape check, the
 * check of each term against the TypeScript reference election, and the human tables.
 *
 * Units: amounts are decimal strings of nanoevers in JSON (bigint in memory); keys are 64
 * lowercase hex chars (the real p34 keys); term ids are the elector's `termId`.
 */
import Table from "cli-table3";
import { elect, parseCandidates, parseElectionParams } from "../model";
import { formatEver } from "./units";

export const REPORT_SOURCE = "everscale-mainnet-p34";

/** Election input parameters, exactly as `ddvs elect --params` reads them. */
export interface ReportParams {
  maxValidators: number;
  minValidators: number;
  /** nanoevers */
  delegationThreshold: string;
  /** nanoevers */
  minDeposit: string;
}

/** One candidate of the election input, as `ddvs elect --candidates` reads it. */
export interface ReportCandidate {
  key: string;
  /** nanoevers */
  deposit: string;
  /** nanoevers */
  delegation: string;
  /** tie order, unix seconds */
  order: number;
}

export interface ReportTerm {
  /** The term whose close ran this election (the set is for termId + 1). */
  termId: number;
  params: ReportParams;
  candidates: ReportCandidate[];
  /** Elected keys in rank order (= `ddvs elect` output order). */
  validators: string[];
  /** Σ voting power of the installed set, nanoevers. */
  totalVotingPower: string;
  /** Keys jailed at this term's close. */
  jailed: string[];
  /** Keys banned during this term. */
  banned: string[];
  /**
   * Rewards the workchain electors paid to the validators' roots at this close (term T−1's
   * rewards after the penalty curve, additional rewards included), nanoevers.
   */
  rewards: string;
  /**
   * Coins seized during this term, nanoevers: the banned validators' deposits plus their
   * delegators' slashed stakes (DELEGATOR_SLASH_RATE).
   */
  slashed: string;
}

export interface ReportProposal {
  /** Config parameter name (docs/messages.md §1), e.g. `MAX_NUM_OF_VALIDATORS`. */
  param: string;
  from: number;
  to: number;
  /** nanoevers voting yes at commit (origin's tally) */
  yesStake: string;
  /** registered stake of the network at commit, nanoevers */
  totalStake: string;
  /** Chains whose elector reads the new value after the commit. */
  committedOn: number[];
}

/** Coins of the demo, nanoevers; `lost` = funded − held − withdrawn − fees − burned, must be "0". */
export interface ReportConservation {
  funded: string;
  held: string;
  withdrawn: string;
  fees: string;
  burned: string;
  lost: string;
}

export interface DemoReport {
  source: typeof REPORT_SOURCE;
  validatorsLoaded: number;
  chains: number[];
  terms: ReportTerm[];
  proposals: ReportProposal[];
  conservation: ReportConservation;
}

const KEY = /^[0-9a-f]{64}$/;
const AMOUNT = /^(0|[1-9][0-9]*)$/;
const SIGNED_AMOUNT = /^-?(0|[1-9][0-9]*)$/;

function exactKeys(o: unknown, keys: string[], at: string, errs: string[]): o is Record<string, unknown> {
  if (o === null || typeof o !== "object" || Array.isArray(o)) {
    errs.push(`${at}: expected an object`);
    return false;
  }
  const have = Object.keys(o).sort();
  const want = [...keys].sort();
  for (const k of want) if (!have.includes(k)) errs.push(`${at}.${k}: missing`);
  for (const k of have) if (!want.includes(k)) errs.push(`${at}.${k}: unexpected field`);
  return true;
}

const isInt = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v);
function check(cond: boolean, msg: string, errs: string[]) {
  if (!cond) errs.push(msg);
}

/**
 * Shape check of a demo report (exact field sets, types, formats). Returns the problems found
 * (empty = valid). Does not check the election results; see {@link checkTermsAgainstReference}.
 */
export function validateDemoReport(r: unknown): string[] {
  const errs: string[] = [];
  if (!exactKeys(r, ["source", "validatorsLoaded", "chains", "terms", "proposals", "conservation"], "report", errs)) return errs;
  check(r.source === REPORT_SOURCE, `report.source: expected ${REPORT_SOURCE}`, errs);
  check(isInt(r.validatorsLoaded) && (r.validatorsLoaded as number) > 0, "report.validatorsLoaded: expected a positive integer", errs);
  check(Array.isArray(r.chains) && r.chains.length > 0 && r.chains.every(isInt), "report.chains: expected a list of chain ids", errs);
  if (!Array.isArray(r.terms)) errs.push("report.terms: expected a list");
  else
    r.terms.forEach((t, i) => {
      const at = `report.terms[${i}]`;
      if (!exactKeys(t, ["termId", "params", "candidates", "validators", "totalVotingPower", "jailed", "banned", "rewards", "slashed"], at, errs)) return;
      check(isInt(t.termId) && (t.termId as number) >= 1, `${at}.termId: expected an integer ≥ 1`, errs);
      if (exactKeys(t.params, ["maxValidators", "minValidators", "delegationThreshold", "minDeposit"], `${at}.params`, errs)) {
        const p = t.params as Record<string, unknown>;
        check(isInt(p.maxValidators) && isInt(p.minValidators), `${at}.params: max/min must be integers`, errs);
        check(AMOUNT.test(String(p.delegationThreshold)) && typeof p.delegationThreshold === "string", `${at}.params.delegationThreshold: decimal string`, errs);
        check(AMOUNT.test(String(p.minDeposit)) && typeof p.minDeposit === "string", `${at}.params.minDeposit: decimal string`, errs);
      }
      if (!Array.isArray(t.candidates)) errs.push(`${at}.candidates: expected a list`);
      else
        t.candidates.forEach((c, j) => {
          const ca = `${at}.candidates[${j}]`;
          if (!exactKeys(c, ["key", "deposit", "delegation", "order"], ca, errs)) return;
          check(typeof c.key === "string" && KEY.test(c.key), `${ca}.key: 64 lowercase hex`, errs);
          check(typeof c.deposit === "string" && AMOUNT.test(c.deposit), `${ca}.deposit: decimal string`, errs);
          check(typeof c.delegation === "string" && AMOUNT.test(c.delegation), `${ca}.delegation: decimal string`, errs);
          check(isInt(c.order) && (c.order as number) >= 0, `${ca}.order: integer ≥ 0`, errs);
        });
      for (const f of ["validators", "jailed", "banned"] as const) {
        const v = t[f];
        check(Array.isArray(v) && v.every((k) => typeof k === "string" && KEY.test(k)), `${at}.${f}: list of 64-hex keys`, errs);
      }
      for (const f of ["totalVotingPower", "rewards", "slashed"] as const) check(typeof t[f] === "string" && AMOUNT.test(t[f] as string), `${at}.${f}: decimal string`, errs);
    });
  if (!Array.isArray(r.proposals)) errs.push("report.proposals: expected a list");
  else
    r.proposals.forEach((p, i) => {
      const at = `report.proposals[${i}]`;
      if (!exactKeys(p, ["param", "from", "to", "yesStake", "totalStake", "committedOn"], at, errs)) return;
      check(typeof p.param === "string" && /^[A-Z_]+$/.test(p.param), `${at}.param: a parameter name`, errs);
      check(isInt(p.from) && isInt(p.to), `${at}.from/to: integers`, errs);
      check(typeof p.yesStake === "string" && AMOUNT.test(p.yesStake), `${at}.yesStake: decimal string`, errs);
      check(typeof p.totalStake === "string" && AMOUNT.test(p.totalStake), `${at}.totalStake: decimal string`, errs);
      check(Array.isArray(p.committedOn) && p.committedOn.every(isInt), `${at}.committedOn: list of chain ids`, errs);
    });
  if (exactKeys(r.conservation, ["funded", "held", "withdrawn", "fees", "burned", "lost"], "report.conservation", errs)) {
    const c = r.conservation as Record<string, unknown>;
    for (const f of ["funded", "held", "withdrawn", "fees", "burned"]) check(typeof c[f] === "string" && AMOUNT.test(c[f] as string), `report.conservation.${f}: decimal string`, errs);
    check(typeof c.lost === "string" && SIGNED_AMOUNT.test(c.lost), "report.conservation.lost: decimal string", errs);
    if (errs.length === 0) {
      const n = (k: string) => BigInt(c[k] as string);
      check(n("funded") - n("held") - n("withdrawn") - n("fees") - n("burned") === n("lost"), "report.conservation.lost: ≠ funded − held − withdrawn − fees − burned", errs);
    }
  }
  return errs;
}

/**
 * Recomputes each term's election with the TypeScript reference (`ddvs elect`) from the term's
 * `candidates` and `params`; returns the terms whose `validators` differ (empty = all agree).
 */
export function checkTermsAgainstReference(terms: readonly ReportTerm[]): { termId: number; expected: string[]; actual: string[] }[] {
  const bad: { termId: number; expected: string[]; actual: string[] }[] = [];
  for (const t of terms) {
    const expected = elect(parseCandidates(t.candidates), parseElectionParams(t.params)).map((e) => e.key);
    if (expected.join() !== t.validators.join()) bad.push({ termId: t.termId, expected, actual: t.validators });
  }
  return bad;
}

/** Conservation from its parts (bigint nanoevers): fills in `lost`. */
export function conservation(parts: { funded: bigint; held: bigint; withdrawn: bigint; fees: bigint; burned: bigint }): ReportConservation {
  const lost = parts.funded - parts.held - parts.withdrawn - parts.fees - parts.burned;
  return {
    funded: parts.funded.toString(),
    held: parts.held.toString(),
    withdrawn: parts.withdrawn.toString(),
    fees: parts.fees.toString(),
    burned: parts.burned.toString(),
    lost: lost.toString(),
  };
}

/** What the human report shows per term besides the JSON fields (nanoevers). */
export interface TermExtras {
  termId: number;
  /** simulated block fees deposited into the workchain electors' reward pools for this term */
  funded: bigint;
  /** burned at this close (penalties not handed out as additional rewards) */
  burned: bigint;
  /** rewards stakers claimed from their roots during this term */
  claimed: bigint;
  /** of `slashed`: the delegators' part */
  delegatorSlashed: bigint;
}

const short = (k: string) => k.slice(0, 8) + "…";
const ever = (n: bigint | string) => formatEver(BigInt(n), { decimals: 3 });

/**
 * The per-term table: elected count, total voting power, jailed, banned, fees funded, rewards
 * paid, burned, claimed, slashed (delegators' part in parentheses); amounts in EVER.
 */
export function termsTable(terms: readonly ReportTerm[], extras: readonly TermExtras[] = []): string {
  const table = new Table({
    head: ["term", "max/min", "candidates", "elected", "voting power (EVER)", "jailed", "banned", "fees in", "rewards paid", "burned", "claimed", "slashed (delegators)"],
    colAligns: ["right", "right", "right", "right", "right", "left", "left", "right", "right", "right", "right", "right"],
    style: { head: [], border: [] },
  });
  for (const t of terms) {
    const x = extras.find((e) => e.termId === t.termId);
    const slashed = BigInt(t.slashed);
    table.push([
      String(t.termId),
      `${t.params.maxValidators}/${t.params.minValidators}`,
      String(t.candidates.length),
      String(t.validators.length),
      ever(t.totalVotingPower),
      t.jailed.map(short).join(" ") || "-",
      t.banned.map(short).join(" ") || "-",
      x ? ever(x.funded) : "-",
      ever(t.rewards),
      x ? ever(x.burned) : "-",
      x ? ever(x.claimed) : "-",
      ever(slashed) + (x && x.delegatorSlashed > 0n ? ` (${ever(x.delegatorSlashed)})` : ""),
    ]);
  }
  return table.toString() + "\n(amounts in EVER; rewards of term T are paid at close T+1)";
}

/** The proposals table. */
export function proposalsTable(proposals: readonly ReportProposal[]): string {
  const table = new Table({ head: ["param", "from", "to", "yes stake (EVER)", "total stake (EVER)", "yes %", "committed on"], style: { head: [], border: [] } });
  for (const p of proposals) {
    const yes = BigInt(p.yesStake);
    const tot = BigInt(p.totalStake);
    const pct = tot > 0n ? (Number((yes * 10000n) / tot) / 100).toFixed(2) : "-";
    table.push([p.param, String(p.from), String(p.to), formatEver(yes, { decimals: 3 }), formatEver(tot, { decimals: 3 }), pct, p.committedOn.join(", ")]);
  }
  return table.toString();
}

/** The closing line: `funded = held + withdrawn + fees + burned + lost` in EVER. */
export function conservationLine(c: ReportConservation): string {
  const f = (s: string) => formatEver(BigInt(s));
  return `conservation: funded ${f(c.funded)} = held ${f(c.held)} + withdrawn ${f(c.withdrawn)} + fees ${f(c.fees)} + burned ${f(c.burned)} + lost ${f(c.lost)} EVER`;
}
