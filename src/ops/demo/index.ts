/**
 * `ddvs demo` / `npm run demo`: the main job on the embedded network (setup.ts, scenario.ts),
 * the report (src/ops/report.ts) and the conservation from real balances (conservation.ts).
 */
import { openNetwork, NetworkOptions } from "../network";
import type { Progress } from "../progress";
import { DemoReport, REPORT_SOURCE, TermExtras, conservation, validateDemoReport, checkTermsAgainstReference } from "../report";
import { measureConservation } from "./conservation";
import { PoolTotals, readPools } from "./rewards";
import { BanOutcome, Scenario } from "./scenario";
import type { Claim } from "./rewards";
import { setupWorld } from "./setup";

export interface DemoOptions extends NetworkOptions {
  chains?: number[];
  /** limit the validators loaded (tests); default all 187 */
  limit?: number;
  /** DELEGATOR_SLASH_RATE of the demo's suite, per mille (default setup.ts DEMO_DELEGATOR_SLASH_RATE = 100) */
  delegatorSlashRate?: number;
  progress: Progress;
}

export interface DemoResult {
  report: DemoReport;
  extras: TermExtras[];
  /** rewards stakers claimed (after closes 3 and 4), nanoevers */
  claims: (Claim & { termId: number })[];
  /** the double vote: seized deposit and rewards, each delegator's slash */
  ban?: BanOutcome;
  /** Σ of the workchain electors' reward pools at the end (deposited = pool + reserved + paid + burned) */
  rewardPools: PoolTotals;
  /** what did not go as the scenario expects (contract errors, missing effects) */
  notes: string[];
  /** problems of the report itself (shape, reference disagreement, conservation) */
  problems: string[];
  seconds: number;
}

export async function runDemo(opts: DemoOptions): Promise<DemoResult> {
  const t0 = Date.now();
  const net = await openNetwork(opts);
  if (!net.embedded) throw new Error("the demo runs on the embedded network (it moves time and reads the executor's balances)");
  const chains = opts.chains ?? [-1, 0, 1, 2];
  const world = await setupWorld(net, { chains, limit: opts.limit, delegatorSlashRate: opts.delegatorSlashRate, progress: opts.progress });
  const scenario = new Scenario(world);
  const res = await scenario.run();
  const c = measureConservation(net, world.sinks.map((s) => s.toString()));
  const rewardPools = await readPools([...world.electors].filter(([k]) => k !== -1).map(([, e]) => e));
  const report: DemoReport = {
    source: REPORT_SOURCE,
    validatorsLoaded: world.plan.validators.length,
    chains,
    terms: res.terms,
    proposals: res.proposals,
    conservation: conservation(c),
  };
  const problems = validateDemoReport(report);
  for (const bad of checkTermsAgainstReference(report.terms)) problems.push(`term ${bad.termId}: the contracts elected ${bad.actual.length}, the TypeScript reference ${bad.expected.length} (or another order)`);
  if (report.conservation.lost !== "0") problems.push(`conservation: lost ${report.conservation.lost} nanoevers`);
  const pools = rewardPools;
  if (pools.deposited !== pools.pool + pools.reserved + pools.paid + pools.burned) problems.push(`reward pools: deposited ${pools.deposited} ≠ pool + reserved + paid + burned`);
  return { report, extras: res.extras, claims: res.claims, ban: res.ban, rewardPools, notes: res.notes, problems, seconds: (Date.now() - t0) / 1000 };
}
