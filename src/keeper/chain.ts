/**
 * The keeper's view of a deployed suite through locklift (any network): getters of each chain's
 * DElectorConfig, and the calls `endTerm`, `finalizeElection`, `submitTermStats` sent from the
 * keeper's EverWallet with the value the elector asks for (`getRequiredValue(functionId)`,
 * docs/messages.md §4). A failed cascade throws a ContractError naming the contract error.
 *
 * Paused root jobs (docs/messages.md §3):
 * - **Roots watched** (`jobRoots`): every root of the set in force on each elector
 *   (`getValidatorSet`, their Slash jobs), and every root whose validator the elector moved to
 *   Eligible or Banned (the transitions that start a Return / Ban job): the elector's
 *   `StateChanged(validatorKey, from, to, …)` events with `to` ∈ {0, 4}, read from its transactions
 *   with locklift's `getPastEvents`, each key's root from `getAccount(key)`. A banned key has left the
 *   set, so the events are the only place that still names it. Only transactions newer than the last
 *   pass are read (the first pass reads the whole history); the roots found stay watched.
 * - **Paused** (`rootJob`): `getJob().kind ≠ 0` and the root's gas fund cannot pay one wallet
 *   message: `balance − heldCoins − JOB_OVERHEAD < JOB_MSG_VALUE + JOB_FWD_ALLOWANCE`, with
 *   `heldCoins = deposit + pendingDeposit + rewardBalance + commissionBalance + ROOT_RESERVE`
 *   (`getNomination`, `getRewards`) — exactly the test `runBatch` makes before it pauses
 *   (contracts/DePoolRoot/jobs.tolk). A continuation still in flight carries 0.05 EVER off the
 *   balance, so the keeper may resume a job that was about to pause anyway; the root ignores the
 *   stale continuation and the value stays in its gas fund (no batch runs twice, no coin is lost).
 */
import fs from "fs";
import path from "path";
import type { Address } from "locklift";
import { KeeperChain, RootJob, RootRef, TermInfo } from "./keeper";
import { elector, Elector, root, sendChecked } from "../ops/contracts";
import type { OpenNetwork } from "../ops/network";
import { networkNow } from "../ops/time";
import type { SuiteFile } from "../ops/suite";
import { functionId, loadAbi } from "../toolchain/abi";
import { REPO_ROOT } from "../ops/network";

const ELECTOR_ABI = loadAbi(fs.readFileSync(path.join(REPO_ROOT, "contracts", "DElectorConfig.abi.json"), "utf8"));

/** Function id of a DElectorConfig function (for `getRequiredValue`). */
export function electorFunctionId(name: string): number {
  const f = ELECTOR_ABI.functions.find((x) => x.name === name);
  if (!f) throw new Error(`DElectorConfig has no function ${name}`);
  return functionId(f);
}

/** Statistics of a term for `submitTermStats`: the stats cell BOC and the signature map tokens. */
export interface TermStatsInput {
  stats: string;
  /** [identity key as decimal/hex string, { r, s }][] */
  signatures: [string, { r: string; s: string }][];
}

/** Gives term T's statistics, or undefined when it has none. */
export type StatsSource = (termId: number) => Promise<TermStatsInput | undefined> | TermStatsInput | undefined;

/** DePoolRoot job budget constants, nanoevers (contracts/lib/fees.tolk, contracts/DePoolRoot/fees.tolk, jobs.tolk). */
export const JOB_COSTS = {
  ROOT_RESERVE: 1_000_000_000n,
  JOB_OVERHEAD: 1_000_000_000n,
  /** JOB_MSG_VALUE + JOB_FWD_ALLOWANCE: one wallet message of a batch */
  PER_WALLET: 50_000_000n + 10_000_000n,
} as const;

/** Elector account states that start a root job (docs/messages.md §0): Eligible (Return), Banned (Ban). */
const JOB_STATES = new Set([0, 4]);

export class LockliftKeeperChain implements KeeperChain {
  private readonly electors = new Map<number, Elector>();
  /** root address → chain, from the electors' StateChanged events */
  private readonly eventRoots = new Map<string, number>();
  /** chain → newest logical time of the elector's events already read */
  private readonly scannedLt = new Map<number, string>();
  constructor(
    private readonly net: OpenNetwork,
    private readonly suite: SuiteFile,
    private readonly sender: Address,
    private readonly stats?: StatsSource,
  ) {
    for (const c of suite.chains) this.electors.set(c, elector(suite.electors[String(c)]));
    if (!stats) this.submitTermStats = undefined;
  }
  private e(chain: number): Elector {
    const x = this.electors.get(chain);
    if (!x) throw new Error(`no elector for chain ${chain} in the suite`);
    return x;
  }
  chains(): number[] {
    return this.suite.chains;
  }
  async now(): Promise<number> {
    return networkNow(this.net);
  }
  async term(chain: number): Promise<TermInfo> {
    const r = await this.e(chain).getters.getCurrentTerm({}).run();
    return { termId: Number(r.termId), termEndsAt: Number(r.termEndsAt), phase: Number(r.phase) };
  }
  async statsStatus(chain: number): Promise<{ termId: number; accepted: boolean }> {
    const r = await this.e(chain).getters.getStatsStatus({}).run();
    return { termId: Number(r.termId), accepted: Number(r.accepted) === 1 };
  }
  async reportTimeout(): Promise<number> {
    return Number((await this.e(-1).getters.getReportTimeout({}).run()).reportTimeout);
  }
  /**
   * The value a call needs now, nanoevers: the elector's own answer, at least 1 EVER + 0.6 EVER per
   * chain (docs/messages.md: the largest documented fixed minimum), so an answer of 0 from an
   * elector that does not know the function still buys gas for a named refusal.
   */
  async requiredValue(chain: number, fn: string): Promise<bigint> {
    const asked = BigInt((await this.e(chain).getters.getRequiredValue({ functionId: electorFunctionId(fn) }).run()).value);
    const floor = 1_000_000_000n + 600_000_000n * BigInt(this.suite.chains.length);
    return asked > floor ? asked : floor;
  }
  async endTerm(chain: number): Promise<void> {
    const value = await this.requiredValue(chain, "endTerm");
    await sendChecked(`DElectorConfig.endTerm on ${chain}`, () => this.e(chain).methods.endTerm({}).send({ from: this.sender, amount: value.toString(), bounce: true }));
  }
  async finalizeElection(termId: number): Promise<void> {
    const value = await this.requiredValue(-1, "finalizeElection");
    await sendChecked(`DElectorConfig.finalizeElection(${termId}) on -1`, () =>
      this.e(-1).methods.finalizeElection({ termId }).send({ from: this.sender, amount: value.toString(), bounce: true }),
    );
  }
  submitTermStats? = async (chain: number, termId: number): Promise<boolean> => {
    const s = await this.stats!(termId);
    if (!s) return false;
    const value = await this.requiredValue(chain, "submitTermStats");
    await sendChecked(`DElectorConfig.submitTermStats(${termId}) on ${chain}`, () =>
      this.e(chain).methods.submitTermStats({ termId, stats: s.stats, signatures: s.signatures } as never).send({ from: this.sender, amount: value.toString(), bounce: true }),
    );
    return true;
  };

  /** Roots to check for a paused job (see the file comment), deduplicated. */
  async jobRoots(): Promise<RootRef[]> {
    const found = new Map<string, number>();
    for (const c of this.suite.chains) {
      const set = (await this.e(c).getters.getValidatorSet({}).run()) as unknown as { set: [string, { root: Address }][] };
      for (const [, v] of set.set) if (!found.has(v.root.toString())) found.set(v.root.toString(), c);
      await this.scanEvents(c);
    }
    for (const [r, c] of this.eventRoots) if (!found.has(r)) found.set(r, c);
    return [...found].map(([r, chain]) => ({ chain, root: r }));
  }
  /** Reads the elector's StateChanged events newer than the last scan; keys moved to Eligible / Banned give roots. */
  private async scanEvents(chain: number): Promise<void> {
    const e = this.e(chain);
    const from = this.scannedLt.get(chain);
    let newest = from;
    const keys = new Set<string>();
    let continuation: Parameters<Elector["getPastEvents"]>[0]["continuation"];
    do {
      const batch = await e.getPastEvents({ filter: "StateChanged", range: from ? { fromLt: from } : undefined, continuation });
      for (const ev of batch.events) {
        const lt = ev.transaction.id.lt;
        if (!newest || BigInt(lt) > BigInt(newest)) newest = lt;
        const d = ev.data as unknown as { validatorKey: string; to: string };
        if (JOB_STATES.has(Number(d.to))) keys.add(d.validatorKey);
      }
      continuation = batch.continuation;
    } while (continuation);
    if (newest) this.scannedLt.set(chain, newest);
    for (const k of keys) {
      const a = (await e.getters.getAccount({ validatorKey: k } as never).run()) as unknown as { exists: string; root: Address };
      if (a.exists === "1") this.eventRoots.set(a.root.toString(), chain);
    }
  }
  /** The root's job and whether it is paused (see the file comment). */
  async rootJob(address: string): Promise<RootJob> {
    const r = root(address);
    const j = await r.getters.getJob({}).run();
    const job = { jobId: Number(j.jobId), kind: Number(j.kind), processed: Number(j.processed), paused: false };
    if (job.kind === 0) return job;
    const [state, nom, rew] = await Promise.all([
      this.net.locklift.provider.getFullContractState({ address: r.address }),
      r.getters.getNomination({}).run(),
      r.getters.getRewards({}).run(),
    ]);
    const balance = BigInt(state.state?.balance ?? "0");
    const held = BigInt(nom.deposit) + BigInt(nom.pendingDeposit) + BigInt(rew.rewardBalance) + BigInt(rew.commissionBalance) + JOB_COSTS.ROOT_RESERVE;
    job.paused = balance - held - JOB_COSTS.JOB_OVERHEAD < JOB_COSTS.PER_WALLET;
    return job;
  }
  async resumeJob(address: string, value: bigint): Promise<void> {
    await sendChecked(`DePoolRoot.resumeJob on ${address}`, () => root(address).methods.resumeJob({}).send({ from: this.sender, amount: value.toString(), bounce: true }));
  }
}
