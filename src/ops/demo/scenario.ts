/**
 * The demo scenario after setup (docs/architecture.md §6–§8, docs/messages.md §6):
 *
 * - close 1: the first election with the seed's constants on the real distribution (the 34
 *   capped validators tie at the MAX = 30 cut, so only MIN are elected — read from the chain);
 * - term 2: the stakers of the validators left out unlock (the registry drops their delegation at
 *   once, so the small set holds the majority of the registered stake), a set member proposes
 *   MAX_NUM_OF_VALIDATORS 30 → 100, every member votes yes, the commit reaches every chain; the
 *   stakers stake again from new deposits; close 2 elects with MAX = 100;
 * - term 3: one validator is down the whole term → jailed at close 3 (statistics show proposed = 0);
 * - term 4: a validator signs two headers at the same height → the informant reports it → ban,
 *   deposit and rewards to the informant, delegators slashed by DELEGATOR_SLASH_RATE (the demo's
 *   100 ‰, setup.ts); the term-2 unlocks are released: withdrawn to addresses outside DDVS;
 * - close 5: the election without the jailed and the banned.
 *
 * Rewards (rewards.ts): every simulated term's block fees go into the workchain electors' pools
 * before its statistics; close T+1 pays them to the roots; after closes 3 and 4 a few stakers claim.
 *
 * Every number in the report is read from the contracts; the TypeScript reference election is
 * run on the same input as a check.
 */
import type { Address } from "locklift";
import { Keeper, KeeperAction } from "../../keeper/keeper";
import { LockliftKeeperChain, TermStatsInput } from "../../keeper/chain";
import { simulateTerm, signaturesToTokens, makeDoubleVote } from "../../simulator";
import type { SimValidator } from "../../simulator";
import { ContractError } from "../errors";
import { root as rootAt, dwallet, sendChecked, statesOf, Elector } from "../contracts";
import type { ReportProposal, ReportTerm, TermExtras } from "../report";
import { advanceTime, networkNow } from "../time";
import { keyHex } from "../units";
import { readElectionInput, readParams, readSet, readTopCandidates, inRankOrder, InstalledSet } from "./read";
import { VALUE } from "./setup";
import type { DemoStake, DemoWorld } from "./world";
import { mapLimit, perOwner, READ_CONCURRENCY } from "../pool";
import { Claim, claimSome, depositFees, feesByChain, readPools, walletTotals } from "./rewards";

const NANO = 1_000_000_000n;
const STATE = { Eligible: 0, Candidate: 1, Validator: 2, Jailed: 3, Banned: 4 } as const;

/** The double vote's outcome (nanoevers). */
export interface BanOutcome {
  termId: number;
  validator: string;
  chain: number;
  /** DELEGATOR_SLASH_RATE in force, per mille, and whether the slash goes to the informant */
  ratePerMille: number;
  toInformant: boolean;
  /** deposit seized for the informant */
  deposit: bigint;
  /** unpaid rewards seized for the informant (reward pool `paid` delta on the home chain) */
  rewards: bigint;
  /**
   * each of the validator's stakers: its position at the root before the ban (locked; revoking +
   * unlocking not yet released, which the slash also cuts: docs/messages.md §2 `returnStake`) and
   * what was slashed
   */
  delegators: { staker: string; wallet: string; locked: bigint; unlocking: bigint; slashed: bigint }[];
}

export interface ScenarioResult {
  terms: ReportTerm[];
  extras: TermExtras[];
  proposals: ReportProposal[];
  claims: (Claim & { termId: number })[];
  ban?: BanOutcome;
  notes: string[];
}

interface TermPlan {
  offline?: Set<string>;
}

export class Scenario {
  readonly terms: ReportTerm[] = [];
  readonly extras: TermExtras[] = [];
  readonly proposals: ReportProposal[] = [];
  readonly notes: string[] = [];
  private readonly keeper: Keeper;
  private readonly m: Elector;
  private readonly workchainElectors: Elector[];
  private pendingStats?: { termId: number; input: TermStatsInput };
  private bannedThisTerm: string[] = [];
  private readonly bannedKeys = new Set<string>();
  private slashedThisTerm = 0n;
  private delegatorSlashedThisTerm = 0n;
  private claimedThisTerm = 0n;
  private pendingFees = new Map<number, bigint>();
  private unlocked: DemoStake[] = [];
  readonly claims: (Claim & { termId: number })[] = [];
  ban?: BanOutcome;

  constructor(private readonly w: DemoWorld) {
    this.m = w.electors.get(-1)!;
    this.workchainElectors = [...w.electors.entries()].filter(([c]) => c !== -1).map(([, e]) => e);
    const chain = new LockliftKeeperChain(w.net, w.suite, w.keeper.address, (t) => (this.pendingStats?.termId === t ? this.pendingStats.input : undefined));
    this.keeper = new Keeper(chain, { resendAfter: 0, log: (l) => w.progress.info(`keeper: ${l}`) });
  }

  private byKey = (k: string) => this.w.plan.validators.find((v) => v.key === k)!;

  /** Simulates the term of the installed set and queues its signed statistics for the keeper. */
  private async simulate(set: InstalledSet, termId: number, plan: TermPlan): Promise<void> {
    if (set.members.size === 0) return;
    // a banned validator is out of consensus at once (its chain removed it from the set; the
    // masterchain's copy follows when the BAN_VALIDATOR proposal commits)
    const validators: SimValidator[] = [...set.members.entries()].filter(([key]) => !this.bannedKeys.has(key)).map(([key, s]) => {
      const v = this.byKey(key);
      return { key, signingKey: v.signingKey, delegation: s.votingPower, deposit: v.deposit };
    });
    // one careless signer (in a set large enough that it cannot stall it, and in a term without a
    // validator down): its reward falls under the penalty curve, the penalty goes to the diligent as
    // additional rewards, the rest burns. One at most, so that no block misses more than one
    // precommit: the electors refuse statistics with missed > proposed (BAD_STATS).
    const careless = validators.length > 10 && !plan.offline?.size ? validators[1].key : undefined;
    const missRate = new Map(careless ? [[careless, 0.5] as const] : []);
    const sim = simulateTerm({ networkId: this.w.suite.networkId, termId, validators, blocks: Math.max(3 * validators.length, 30), offline: plan.offline, missRate, feePerBlock: NANO, seed: termId });
    this.pendingStats = { termId, input: { stats: sim.encoded.boc, signatures: signaturesToTokens(sim.signatures) as [string, { r: string; s: string }][] } };
    this.pendingFees = sim.statsAccepted ? feesByChain(sim.stats, set.members) : new Map();
    if (!sim.statsAccepted) this.notes.push(`term ${termId}: the simulated signers hold ≤ 2/3 of the power; no statistics`);
  }

  /** Ends term `termId` on every chain with the keeper; the election and the set's commit follow. */
  private async close(plan: TermPlan = {}): Promise<boolean> {
    const p = this.w.progress;
    const t0 = await this.m.getters.getCurrentTerm({}).run();
    const termId = Number(t0.termId);
    const before = await readSet(this.m);
    await this.simulate(before, termId, plan);
    const now = networkNow(this.w.net);
    if (now < Number(t0.termEndsAt)) await advanceTime(this.w.net, Number(t0.termEndsAt) - now + 1);
    // the term's block fees into the pools, before the keeper submits the statistics that reserve them
    const funded = await depositFees(this.w, this.pendingFees, (label, fn) => this.call(label, fn));
    this.pendingFees = new Map();
    const [poolsBefore, statesBefore] = await Promise.all([readPools(this.workchainElectors), this.states(before)]);
    p.step(`closing term ${termId}`);
    let actions: KeeperAction[] = await this.keeper.tick();
    this.logErrors(actions);
    if (this.pendingStats?.termId === termId) {
      const sts = await mapLimit(this.workchainElectors, READ_CONCURRENCY, (e) => e.getters.getStatsStatus({}).run());
      sts.forEach((st, i) => {
        if (Number(st.termId) === termId && Number(st.accepted) !== 1) this.notes.push(`term ${termId}: statistics not accepted on ${this.workchainElectors[i].address.toString().split(":")[0]}`);
      });
    }
    let after = await this.m.getters.getCurrentTerm({}).run();
    if (Number(after.termId) === termId) {
      // masterchain still waiting: let REPORT_TIMEOUT pass, the keeper finalizes
      const timeout = Number((await this.m.getters.getReportTimeout({}).run()).reportTimeout);
      await advanceTime(this.w.net, timeout + 1);
      actions = await this.keeper.tick();
      this.logErrors(actions);
      after = await this.m.getters.getCurrentTerm({}).run();
    }
    const all = [...this.w.electors];
    const termsNow = await mapLimit(all, READ_CONCURRENCY, ([, e]) => e.getters.getCurrentTerm({}).run());
    const lagging = all.filter((_, i) => Number(termsNow[i].termId) <= termId).map(([c]) => c);
    const advanced = lagging.length === 0;
    if (!advanced) this.notes.push(`term ${termId}: chain(s) ${lagging.join(", ")} did not move to term ${termId + 1}; the scenario stops here`);
    const [params, candidates0, set, statesAfter, poolsAfter] = await Promise.all([
      readParams(this.m),
      readElectionInput(this.workchainElectors),
      readSet(this.m),
      this.states(before),
      readPools(this.workchainElectors),
    ]);
    let candidates = candidates0;
    if (candidates.length === 0) {
      // no report stored (or not readable): the electors' eligible ranking is the input they report from
      candidates = await readTopCandidates(this.workchainElectors, params.maxValidators + 1);
      if (candidates.length) this.notes.push(`term ${termId}: election input read from getTopCandidates (no candidate report readable)`);
    }
    const jailed = [...statesAfter].filter(([k, s]) => s === STATE.Jailed && statesBefore.get(k) !== STATE.Jailed).map(([k]) => k);
    this.terms.push({
      termId,
      params: this.paramsAtElection ?? params,
      candidates,
      validators: inRankOrder(set.members.keys(), candidates),
      totalVotingPower: set.totalVotingPower.toString(),
      jailed,
      banned: this.bannedThisTerm,
      rewards: (poolsAfter.paid - poolsBefore.paid).toString(),
      slashed: this.slashedThisTerm.toString(),
    });
    this.extras.push({ termId, funded, burned: poolsAfter.burned - poolsBefore.burned, claimed: this.claimedThisTerm, delegatorSlashed: this.delegatorSlashedThisTerm });
    this.paramsAtElection = undefined;
    this.bannedThisTerm = [];
    this.slashedThisTerm = 0n;
    this.delegatorSlashedThisTerm = 0n;
    this.claimedThisTerm = 0n;
    p.tick(1, 1);
    return advanced;
  }
  /** The params in force when the close's election ran (a commit may change them later in the close). */
  private paramsAtElection?: Awaited<ReturnType<typeof readParams>>;

  private logErrors(actions: KeeperAction[]) {
    for (const a of actions) if (a.kind === "error") this.notes.push(`term ${a.termId}: ${a.action} on ${a.chain}: ${a.message}`);
  }

  private async states(set: InstalledSet): Promise<Map<string, number>> {
    const members = [...set.members];
    const snap = await statesOf(this.w.electors);
    const st = await mapLimit(members, READ_CONCURRENCY, async ([k, s]) => Number((await this.w.electors.get(s.chainId)!.getters.getAccount({ validatorKey: "0x" + k }).run({ cachedState: snap.get(s.chainId) })).state));
    return new Map(members.map(([k], i) => [k, st[i]] as const));
  }

  /** After a close that paid rewards: the `count` stakers with the largest pending rewards in the set claim them. */
  async claim(count = 3): Promise<void> {
    const set = await readSet(this.m);
    const termId = Number((await this.m.getters.getCurrentTerm({}).run()).termId);
    const stakes = this.w.stakes.filter((s) => set.members.has(s.validator.key));
    this.w.progress.step(`claiming rewards: ${count} stakers`);
    const claims = await claimSome(this.w, stakes, count, (label, fn) => this.call(label, fn));
    if (claims.length === 0) this.notes.push(`term ${termId}: no staker had a reward to claim`);
    for (const c of claims) {
      this.claims.push({ ...c, termId });
      this.claimedThisTerm += c.amount;
    }
  }

  /** Term 2: unlock the stakes of the validators left out; propose MAX 30 → 100; vote; restake. */
  async governance(): Promise<void> {
    const p = this.w.progress;
    const set = await readSet(this.m);
    const inSet = new Set(set.members.keys());
    const out = this.w.stakes.filter((s) => !inSet.has(s.validator.key));
    p.step(`unlocking ${out.length} stakes of validators outside the set`);
    await this.perStaker(out, (st) => dwallet(st.wallet).methods.unlock({ root: st.root, amount: st.amount.toString() }).send({ from: st.staker.address, amount: VALUE.unlock.toString(), bounce: true }));
    this.unlocked = out;

    const memberKeys = [...inSet];
    if (memberKeys.length === 0) {
      this.notes.push("no validator set: no proposal");
      return;
    }
    const from = Number((await this.m.getters.getMaxNumOfValidators({}).run()).maxValidators);
    const seq = Number((await this.m.getters.getNextProposalSeq({}).run()).seq);
    const proposer = memberKeys[0];
    const expiresAt = networkNow(this.w.net) + 3000;
    const chains = this.w.suite.chains.length;
    p.step(`proposal MAX_NUM_OF_VALIDATORS ${from} → 100 by ${proposer.slice(0, 8)}…`);
    await this.call(`DePoolRoot.propose`, () =>
      rootAt(this.w.roots.get(proposer)!)
        .methods.propose({ change: { param: 5, value: 100 }, payload: EMPTY_CELL, expiresAt } as never)
        .send({ from: this.w.ownerOf.get(proposer)!.address, amount: ((1n + 1n) * NANO + (6n * NANO * BigInt(chains)) / 10n).toString(), bounce: true }),
    );
    const id = { originChain: -1, seq };
    const status = async () => Number((await this.m.getters.getProposal({ originChain: -1, seq }).run()).status);
    // members vote in rank order (largest stake first) until the origin commits; a vote that
    // arrives after the commit is refused (PROPOSAL_CLOSED) and is not sent
    const byStake = [...memberKeys].sort((a, b) => (set.members.get(b)!.votingPower > set.members.get(a)!.votingPower ? 1 : -1));
    for (let i = 0; i < byStake.length; i += this.w.operators.length) {
      if ((await status()) !== 1) break;
      const batch = byStake.slice(i, i + this.w.operators.length);
      await perOwner(batch, (k) => this.w.ownerOf.get(k)!, (k) =>
        this.call(`DePoolRoot.vote`, () => rootAt(this.w.roots.get(k)!).methods.vote({ id, yes: true } as never).send({ from: this.w.ownerOf.get(k)!.address, amount: VALUE.vote.toString(), bounce: true }), ["PROPOSAL_CLOSED"]),
      );
    }
    if ((await status()) === 1) {
      // flush the chains' tallies (members may be fewer than needed to trigger a tally by themselves)
      for (const [c, e] of this.w.electors) {
        if (c === -1) continue;
        await this.call(`DElectorConfig.flushTally on ${c}`, () => e.methods.flushTally({ id } as never).send({ from: this.w.keeper.address, amount: NANO.toString(), bounce: true }), ["PROPOSAL_CLOSED"]);
      }
    }
    const origin = await this.m.getters.getProposal({ originChain: -1, seq }).run();
    const electors = [...this.w.electors];
    const maxNow = await mapLimit(electors, READ_CONCURRENCY, ([, e]) => e.getters.getMaxNumOfValidators({}).run());
    const committedOn = electors.filter((_, i) => Number(maxNow[i].maxValidators) === 100).map(([c]) => c);
    this.proposals.push({ param: "MAX_NUM_OF_VALIDATORS", from, to: 100, yesStake: String(origin.yesStake), totalStake: String(origin.totalStake), committedOn: committedOn.sort((a, b) => a - b) });
    if (Number(origin.status) !== 2) this.notes.push(`proposal (-1, ${seq}) status ${origin.status} (2 = committed): yes ${origin.yesStake} of ${origin.totalStake}`);

    p.step(`staking again ${out.length} positions`);
    const extra = new Map<string, { st: DemoStake; amount: bigint }>();
    for (const st of out) {
      const k = st.wallet.toString();
      const e = extra.get(k) ?? { st, amount: 0n };
      e.amount += st.amount;
      extra.set(k, e);
    }
    for (const { st, amount } of extra.values()) await this.w.net.locklift.giver.sendTo(st.staker.address, (amount + 1000n * NANO).toString());
    await this.perStaker([...extra.values()].map((x) => ({ ...x.st, amount: x.amount })), (st) =>
      dwallet(st.wallet).methods.deposit({ amount: st.amount.toString(), remainingGasTo: st.staker.address }).send({ from: st.staker.address, amount: (st.amount + NANO).toString(), bounce: true }),
    );
    await this.perStaker(out, (st) => dwallet(st.wallet).methods.stake({ root: st.root, amount: st.amount.toString() }).send({ from: st.staker.address, amount: VALUE.stake.toString(), bounce: true }));
  }

  /** Term 4: a set member signs two different headers at one height; the informant reports it. */
  async doubleVote(): Promise<void> {
    const set = await readSet(this.m);
    const t = Number((await this.m.getters.getCurrentTerm({}).run()).termId);
    if (set.members.size === 0) {
      this.notes.push(`term ${t}: no validator set in force, no double vote to report`);
      return;
    }
    const [key, member] = [...set.members.entries()][set.members.size - 1];
    const v = this.byKey(key);
    const dv = makeDoubleVote({ networkId: this.w.suite.networkId, termId: t, height: 7, round: 0, validator: { key, signingKey: v.signingKey }, seed: t });
    const home = this.w.electors.get(member.chainId)!;
    const asked = BigInt((await home.getters.getRequiredValue({ functionId: (await import("../../keeper/chain")).electorFunctionId("reportDoubleVote") }).run()).value);
    const floor = NANO + (6n * NANO * BigInt(this.w.suite.chains.length)) / 10n; // docs/messages.md: ≥ 1 EVER + 0.6 EVER × chains
    const value = (asked > floor ? asked : floor) + NANO;
    const walletAddrs = [...this.w.wallets.values()];
    const own = this.w.stakes.filter((s) => s.validator.key === key);
    const [totalsBefore, nomination, poolBefore, rate, lockedBefore] = await Promise.all([
      walletTotals(walletAddrs),
      rootAt(this.w.roots.get(key)!).getters.getNomination({}).run(),
      home.getters.getRewardPool({}).run(),
      home.getters.getDelegatorSlashRate({}).run(),
      mapLimit(own, READ_CONCURRENCY, (s) => dwallet(s.wallet).getters.getPosition({ root: s.root }).run()),
    ]);
    const depositBefore = BigInt(nomination.deposit);
    this.w.progress.step(`double vote by ${key.slice(0, 8)}… reported on chain ${member.chainId}`);
    await this.call("DElectorConfig.reportDoubleVote", () =>
      home.methods
        .reportDoubleVote({ validatorKey: "0x" + key, header1: dv.header1, r1: dv.rs1.r.toString(), s1: dv.rs1.s.toString(), header2: dv.header2, r2: dv.rs2.r.toString(), s2: dv.rs2.s.toString(), informant: this.w.informant.address })
        .send({ from: this.w.informant.address, amount: value.toString(), bounce: true }),
    );
    await this.finishBanJob(key);
    const [acc, totalsAfter, poolAfter] = await Promise.all([home.getters.getAccount({ validatorKey: "0x" + key }).run(), walletTotals(walletAddrs), home.getters.getRewardPool({}).run()]);
    const st = Number(acc.state);
    if (st === STATE.Banned) {
      this.bannedThisTerm.push(key);
      this.bannedKeys.add(key);
    }
    else this.notes.push(`double vote of ${key}: account state ${st} (4 = Banned)`);
    const slashedOf = (a: string) => totalsAfter.get(a)!.slashed - totalsBefore.get(a)!.slashed;
    const delegators = walletAddrs.reduce((a, w) => a + slashedOf(w.toString()), 0n);
    const deposit = st === STATE.Banned ? depositBefore : 0n;
    this.slashedThisTerm += delegators + deposit;
    this.delegatorSlashedThisTerm += delegators;
    this.ban = {
      termId: t,
      validator: key,
      chain: member.chainId,
      ratePerMille: Number(rate.delegatorSlashRate),
      toInformant: Number(rate.slashToInformant) === 1,
      deposit,
      rewards: BigInt(poolAfter.paid) - BigInt(poolBefore.paid),
      delegators: own.map((s, i) => ({
        staker: s.staker.name,
        wallet: s.wallet.toString(),
        locked: BigInt(lockedBefore[i].locked),
        unlocking: BigInt(lockedBefore[i].revoking) + BigInt(lockedBefore[i].unlocking),
        slashed: slashedOf(s.wallet.toString()),
      })),
    };
    if (this.ban.ratePerMille > 0 && own.length > 0 && delegators === 0n) this.notes.push(`double vote of ${key}: DELEGATOR_SLASH_RATE ${this.ban.ratePerMille} ‰ but no delegator was slashed`);
  }

  /**
   * The root's Ban job (slash by DELEGATOR_SLASH_RATE, then return) pauses when the root's gas fund
   * cannot pay a batch (docs/messages.md §3 `continueJob`); the informant, who gets the slashed
   * coins, resumes it with `resumeJob` (3 EVER per batch) until it finishes.
   */
  private async finishBanJob(key: string): Promise<void> {
    const r = rootAt(this.w.roots.get(key)!);
    for (let i = 0; i < 10; i++) {
      const job = await r.getters.getJob({}).run();
      if (Number(job.kind) === 0) return;
      this.w.progress.info(`ban job of ${key.slice(0, 8)}… paused after ${job.processed} wallet(s): the informant resumes it`);
      if (!(await this.call("DePoolRoot.resumeJob", () => r.methods.resumeJob({}).send({ from: this.w.informant.address, amount: VALUE.resumeJob.toString(), bounce: true })))) return;
    }
    this.notes.push(`ban job of ${key}: still running after 10 resumeJob calls`);
  }

  /** Term 4: the term-2 unlocks are released; each staker withdraws them to its sink. */
  async withdrawReleased(): Promise<void> {
    const byWallet = new Map<string, { st: DemoStake; amount: bigint }>();
    for (const st of this.unlocked) {
      const e = byWallet.get(st.wallet.toString()) ?? { st, amount: 0n };
      e.amount += st.amount;
      byWallet.set(st.wallet.toString(), e);
    }
    this.w.progress.step(`withdrawing released stakes from ${byWallet.size} DePoolWallets`);
    const sinkOf = (s: DemoStake) => this.w.sinks[this.w.stakers.indexOf(s.staker)];
    await this.perStaker([...byWallet.values()].map((x) => ({ ...x.st, amount: x.amount })), (st) =>
      dwallet(st.wallet).methods.withdraw({ amount: st.amount.toString(), to: sinkOf(st) }).send({ from: st.staker.address, amount: VALUE.withdraw.toString(), bounce: true }),
    );
  }

  private async perStaker(list: DemoStake[], send: (st: DemoStake) => Promise<unknown>): Promise<void> {
    const groups = this.w.stakers.map((s) => list.filter((x) => x.staker === s));
    let done = 0;
    await Promise.all(groups.map(async (g) => {
      for (const st of g) {
        await send(st);
        this.w.progress.tick(++done, list.length);
      }
    }));
  }

  /**
   * Sends and checks a call; a contract refusal becomes a note (except the `expected` error names).
   * Returns whether the whole cascade succeeded.
   */
  private async call(label: string, send: () => Promise<import("locklift").Transaction>, expected: string[] = []): Promise<boolean> {
    try {
      await sendChecked(label, send);
      return true;
    } catch (e) {
      if (e instanceof ContractError) {
        if (!expected.includes(e.errorName)) this.notes.push(e.message);
        return false;
      }
      throw e;
    }
  }

  /** The whole scenario: five closes with the events above. */
  async run(): Promise<ScenarioResult> {
    const done = () => ({ terms: this.terms, extras: this.extras, proposals: this.proposals, claims: this.claims, ban: this.ban, notes: this.notes });
    this.paramsAtElection = await readParams(this.m);
    if (!(await this.close())) return done(); // 1: first election, seed constants
    await this.governance(); // term 2
    this.paramsAtElection = await readParams(this.m);
    if (!(await this.close())) return done(); // 2: MAX = 100
    const set3 = await readSet(this.m);
    const down = [...set3.members.keys()][Math.floor(set3.members.size / 2)];
    this.paramsAtElection = await readParams(this.m);
    if (!(await this.close({ offline: down ? new Set([down]) : undefined }))) return done(); // 3: downtime → jailed; term 2's rewards paid
    await this.claim(); // term 4
    await this.doubleVote(); // term 4
    this.paramsAtElection = await readParams(this.m);
    if (!(await this.close())) return done(); // 4
    await this.claim(); // term 5
    await this.withdrawReleased(); // released after MIN_UNLOCK_PERIOD (2 terms)
    this.paramsAtElection = await readParams(this.m);
    await this.close(); // 5
    return done();
  }
}

/** An empty cell (base64 BOC), the payload of a numeric config change. */
// eslint-disable-next-line @typescript-eslint/no-var-requires
export const EMPTY_CELL: string = require("@ton/core").beginCell().endCell().toBoc().toString("base64");

export type { Address };
export { keyHex };
