/**
 * The keeper's view of a deployed suite through locklift (any network): getters of each chain's
 * DElectorConfig, and the calls `endTerm`, `finalizeElection`, `submitTermStats` sent from the
 * keeper's EverWallet with the value the elector asks for (`getRequiredValue(functionId)`,
 * docs/messages.md §4). A failed cascade throws a ContractError naming the contract error.
 */
import fs from "fs";
import path from "path";
import type { Address } from "locklift";
import { KeeperChain, TermInfo } from "./keeper";
import { elector, Elector, sendChecked } from "../ops/contracts";
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

export class LockliftKeeperChain implements KeeperChain {
  private readonly electors = new Map<number, Elector>();
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
}
