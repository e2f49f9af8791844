/**
 * Reading the election's input and output from the electors (getters and ABI fields), in the
 * report's JSON form (docs: src/ops/report.ts). Keys as 64 hex, amounts as decimal nanoevers.
 */
import type { Elector } from "../contracts";
import { rankCandidates } from "../../model";
import type { ReportCandidate, ReportParams } from "../report";
import { keyHex } from "../units";
import { decodeReportList } from "../reportList";

/** The election parameters the masterchain elector holds now. */
export async function readParams(m: Elector): Promise<ReportParams> {
  const [max, min, thr, dep] = await Promise.all([
    m.getters.getMaxNumOfValidators({}).run(),
    m.getters.getMinNumOfValidators({}).run(),
    m.getters.getDelegationThreshold({}).run(),
    m.getters.getMinDeposit({}).run(),
  ]);
  return { maxValidators: Number(max.maxValidators), minValidators: Number(min.minValidators), delegationThreshold: String(thr.delegationThreshold), minDeposit: String(dep.minDeposit) };
}

/**
 * A workchain's last candidate report (`myReport` field: the report list, src/ops/reportList.ts),
 * i.e. exactly what it sent the masterchain for the election, in rank order.
 */
export async function readReport(e: Elector): Promise<ReportCandidate[]> {
  let fields: unknown;
  try {
    fields = (await e.getFields()).fields;
  } catch {
    return [];
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const list = (fields as any)?.myReport as string | undefined;
  if (!list) return [];
  return decodeReportList(list).map((c) => ({ key: c.key, deposit: String(c.deposit), delegation: String(c.delegation), order: c.order }));
}

/** The merged election input: every workchain's report, in rank order. */
export async function readElectionInput(workchainElectors: Elector[]): Promise<ReportCandidate[]> {
  const all = (await Promise.all(workchainElectors.map(readReport))).flat();
  const ranked = rankCandidates(all.map((c) => ({ ...c, deposit: BigInt(c.deposit), delegation: BigInt(c.delegation) })));
  return ranked.map((c) => ({ key: c.key, deposit: c.deposit.toString(), delegation: c.delegation.toString(), order: c.order }));
}

export interface InstalledSet {
  termId: number;
  totalVotingPower: bigint;
  /** key → voting power, chain, signing key (hex) */
  members: Map<string, { votingPower: bigint; chainId: number; signingKey: string; root: string }>;
}

/** The validator set an elector has installed. */
export async function readSet(e: Elector): Promise<InstalledSet> {
  const r = await e.getters.getValidatorSet({}).run();
  const members = new Map<string, { votingPower: bigint; chainId: number; signingKey: string; root: string }>();
  for (const [k, v] of r.set) members.set(keyHex(k), { votingPower: BigInt(v.votingPower), chainId: Number(v.chainId), signingKey: keyHex(v.signingKey), root: v.root.toString() });
  return { termId: Number(r.setTermId), totalVotingPower: BigInt(r.totalVotingPower), members };
}

/** Keys of `set` in the rank order of `candidates` (the order `ddvs elect` prints). */
export function inRankOrder(set: Iterable<string>, candidates: readonly ReportCandidate[]): string[] {
  const pos = new Map(candidates.map((c, i) => [c.key, i] as const));
  return [...set].sort((a, b) => (pos.get(a) ?? 1e9) - (pos.get(b) ?? 1e9) || (a < b ? -1 : 1));
}

/** The eligible top `limit` of each workchain (`getTopCandidates`), merged in rank order. */
export async function readTopCandidates(workchainElectors: Elector[], limit: number): Promise<ReportCandidate[]> {
  const all: ReportCandidate[] = [];
  for (const e of workchainElectors) {
    const r = await e.getters.getTopCandidates({ limit: Math.min(limit, 65535) }).run();
    for (const [, v] of r.candidates) all.push({ key: keyHex(v.validatorKey), deposit: String(v.deposit), delegation: String(v.delegation), order: Number(v.order) });
  }
  const ranked = rankCandidates(all.map((c) => ({ ...c, deposit: BigInt(c.deposit), delegation: BigInt(c.delegation) })));
  return ranked.map((c) => ({ key: c.key, deposit: c.deposit.toString(), delegation: c.delegation.toString(), order: c.order }));
}
