/**
 * The fuzzer's chain side: a fresh suite (elector on −1 and 0, `roots` nominated roots, `wallets`
 * wallets with a 0.5 EVER buffer), each {@link Op} sent as the owner's real message, and the
 * observable state read back through getters, for comparison with the model.
 *
 * Conservation per step, at the executor level: Σ balances of every account (the giver excluded)
 * after = before + injected value − Σ fees of the step's transactions (0 lost, 0 created).
 */
import { Address } from "locklift";
import { StakingModel } from "../../src/model";
import { accountBoc, accountSummary, getter, measureTree, TxRecorder } from "../../bench/lib/executor";
import { executor, nowSec, processQueue } from "../../src/dev/executor";
import { EVER, freshOwner, RootRef, Suite } from "../../bench/lib/suite";
import { keyPairFromSeed, KeyPair } from "@ton/crypto";
import { randomBytes } from "crypto";
import { ACCOUNT_STATES, AccountState, ElectorModel } from "../../src/model";
import { makeDoubleVote } from "../../src/simulator/doubleVote";
import { encodeTermStats, signaturesToTokens, signTermStats } from "../../src/simulator/stats";
import { Op } from "./ops";
import { signersOf, STATS_BLOCKS, statsOf } from "./electorOps";
import * as nt from "nekoton-wasm";

/** Balance of a shard account BOC, nanoevers (0 for none). */
function shardBalance(boc: string): bigint {
  const st = nt.parseShardAccountBoc(boc);
  return st ? BigInt(st.balance) : 0n;
}

/**
 * Σ balances of every account of the executor but the embedded giver, nanoevers. Each account's
 * balance is parsed again only when its BOC changed (parsing every account per step was 90% of
 * the fuzz's time).
 */
export class BalanceCache {
  private readonly cache = new Map<string, { boc: string; balance: bigint }>();

  total(): bigint {
    const accounts = executor().state.accounts as Record<string, string>;
    let s = 0n;
    for (const [addr, boc] of Object.entries(accounts)) {
      if (addr.startsWith("0:f2570313")) continue; // the embedded giver
      let c = this.cache.get(addr);
      if (!c || c.boc !== boc) {
        c = { boc, balance: shardBalance(boc) };
        this.cache.set(addr, c);
      }
      s += c.balance;
    }
    return s;
  }
}
export const PROF: Record<string, number> = {};

/** Free-balance buffer each wallet gets outside the model (absorbs storage fees). */
export const BUFFER = EVER / 2n;
/** Free coins each wallet starts with inside the model (so stakes above the delegation threshold come early). */
export const START_FREE = 100n * EVER;

export interface WalletRef {
  owner: Address;
  wallet: Address;
  withdrawn: bigint;
  deposited: bigint;
}

export class World {
  readonly missingRoot = new Address(`0:${"ee".repeat(32)}`);
  /** Receives double-vote prizes (no account: the prizes are sent non-bounceable and stay there). */
  readonly informant = new Address(`0:${"1f".repeat(32)}`);
  private snapshot = -1;
  /** Each root's validator key (hex), which is also its signing key for statistics. */
  readonly keys: string[];
  /** Each root's nomination (deposit, order) at creation: the elector model replays them. */
  private nominations: { deposit: bigint; order: number }[] = [];
  private genesisTime = 0;
  private constructor(readonly suite: Suite, readonly roots: RootRef[], readonly wallets: WalletRef[], private readonly keyPairs: KeyPair[]) {
    this.keys = keyPairs.map((k) => k.publicKey.toString("hex"));
  }

  /** The elector (standalone, chain 0). */
  get elector(): Address {
    return this.suite.electors.get(0)!;
  }

  /** A fresh elector model in the state of the saved world (same config, nominations, clock rules). */
  electorModel(): ElectorModel {
    const c = this.suite.config;
    const em = new ElectorModel({
      chainId: 0,
      genesisTime: this.genesisTime,
      slashToInformant: c.slashToInformant,
      statsRequired: true,
      skipMissedTerms: true,
      setMembersAreValidators: true,
      params: {
        term: c.term, nominationExpiration: c.nominationExpiration, custodyPeriod: c.custodyPeriod, releasePeriod: c.releasePeriod,
        maxValidators: c.maxValidators, minValidators: c.minValidators, delegationThreshold: c.delegationThreshold,
        minDeposit: c.minDeposit, delegatorSlashRate: c.delegatorSlashRate,
      },
    });
    this.nominations.forEach((n, i) => {
      em.setNow(Math.max(em.now, n.order));
      em.selfNominate(this.keys[i], n.deposit);
    });
    return em;
  }

  /** Remembers the current network state (after creation): every sequence starts from it. */
  save(): void {
    TxRecorder.get().keepHistory = false; // the executor's transaction index is not needed and would be cloned
    this.snapshot = executor().saveSnapshot();
  }

  /** Back to the saved state (the clock keeps moving forward); counters reset. */
  restore(): void {
    const ex = executor();
    ex.loadSnapshot(this.snapshot);
    ex.clearSnapshots();
    this.snapshot = ex.saveSnapshot(); // loadSnapshot hands out the saved object itself: keep a fresh copy
    for (const w of this.wallets) {
      w.withdrawn = 0n;
      w.deposited = 0n;
    }
  }

  /** Registers the world's roots in a fresh model (same policies). */
  modelRoots(model: StakingModel): void {
    this.roots.forEach((_, i) => model.addRoot(`r${i}`, { lockPeriod: 1000 * (i + 1), unlockPeriod: 600 * (i + 1), minStake: this.suite.config.minStake }));
  }

  /**
   * A standalone elector on chain 0 (endTerm elects and installs at once) whose config lets the
   * fuzz reach every state in a few ops: delegation threshold 10 EVER, one validator minimum,
   * nominations of 2 terms, custody 1 term, delegators slashed 10% on a ban.
   */
  static async create(roots: number, wallets: number): Promise<World> {
    const suite = await Suite.deploy({
      chains: [0],
      config: { minUnlockPeriod: 600, delegationThreshold: 10n * EVER, minValidators: 1, nominationExpiration: 2, custodyPeriod: 1, delegatorSlashRate: 100 },
      fresh: true,
    });
    const keyPairs = Array.from({ length: roots }, () => keyPairFromSeed(randomBytes(32)));
    const rs: RootRef[] = await suite.deployRoots(
      keyPairs.map((k, i) => ({ chain: 0, validatorKey: k.publicKey.toString("hex"), policy: { lockPeriod: 1000 * (i + 1), unlockPeriod: 600 * (i + 1) } })),
    );
    rs.forEach((r) => suite.queueNominate(r, suite.config.minDeposit));
    const ws: WalletRef[] = [];
    for (let i = 0; i < wallets; i++) {
      const owner = freshOwner(0);
      ws.push({ owner, wallet: suite.queueDeployWallet(0, owner), withdrawn: 0n, deposited: 0n });
    }
    await suite.run();
    for (const w of ws) suite.queueDeposit(w.wallet, w.owner, BUFFER + START_FREE);
    await suite.run();
    const world = new World(suite, rs, ws, keyPairs);
    world.genesisTime = Number((await getter(suite.abi.elector, world.elector, "getCurrentTerm")).termEndsAt) - suite.config.term;
    for (const key of world.keys) {
      const a = await getter(suite.abi.elector, world.elector, "getAccount", { validatorKey: `0x${key}` });
      world.nominations.push({ deposit: BigInt(a.deposit), order: Number(a.order) });
    }
    return world;
  }

  private balances = new BalanceCache();

  /** Σ balances of every account but the giver, nanoevers. */
  totalBalances(): bigint {
    return this.balances.total();
  }

  /**
   * A keeper's duty after a ban or an expiry: a root's Return/Ban job pauses when its gas fund is
   * short; `resumeJob` (3 EVER, anyone) funds and continues it until it is done.
   */
  private async resumeJobs(): Promise<void> {
    const s = this.suite;
    await processQueue();
    for (const root of this.roots) {
      for (let i = 0; i < 10 && Number((await getter(s.abi.root, root.address, "getJob")).kind) !== 0; i++) {
        s.queue(freshOwner(0), root.address, s.abi.root, "resumeJob", {}, 3n * EVER);
        await processQueue();
      }
    }
  }

  /** Moves the network clock to `t` when it is earlier (term ends for stats / endTerm). */
  async advanceTo(t: number): Promise<void> {
    const dt = t - this.now();
    if (dt > 0) await locklift.testing.increaseTime(dt);
  }

  /** Data hashes of the elector and every root (a refused elector-level op must leave them equal). */
  async electorSideHashes(): Promise<string> {
    const accs = [this.elector, ...this.roots.map((r) => r.address)];
    const out: string[] = [];
    for (const a of accs) out.push(accountSummary(await accountBoc(a)).dataHash ?? "none");
    return out.join(",");
  }

  /** Elector account of root `r` and the root's mirror of it. */
  async observeRoot(r: number): Promise<{ state: AccountState; deposit: bigint; delegation: bigint; nominationEnd: number; custodyUntil: number; rootState: AccountState; rootDeposit: bigint; pendingDeposit: bigint }> {
    const a = await getter(this.suite.abi.elector, this.elector, "getAccount", { validatorKey: `0x${this.keys[r]}` });
    const d = await getter(this.suite.abi.root, this.roots[r].address, "getDetails");
    const n = await getter(this.suite.abi.root, this.roots[r].address, "getNomination");
    return {
      state: ACCOUNT_STATES[Number(a.state)], deposit: BigInt(a.deposit), delegation: BigInt(a.delegation), nominationEnd: Number(a.nominationEnd),
      custodyUntil: Number(a.custodyUntil), rootState: ACCOUNT_STATES[Number(d.state)], rootDeposit: BigInt(n.deposit), pendingDeposit: BigInt(n.pendingDeposit),
    };
  }

  /** Term id, end and the validator set in force (key → voting power) of the elector. */
  async observeTerm(): Promise<{ termId: number; termEndsAt: number; set: Map<string, bigint> }> {
    const t = await getter(this.suite.abi.elector, this.elector, "getCurrentTerm");
    const v = await getter(this.suite.abi.elector, this.elector, "getValidatorSet");
    const set = new Map<string, bigint>((v.set as [string, { votingPower: string }][]).map(([k, x]) => [BigInt(k).toString(16).padStart(64, "0"), BigInt(x.votingPower)]));
    return { termId: Number(t.termId), termEndsAt: Number(t.termEndsAt), set };
  }

  /** Sends `op`; returns the conservation residue (0 = nothing lost or created). */
  async apply(op: Op, em: ElectorModel): Promise<bigint> {
    const s = this.suite;
    const before = this.totalBalances();
    const fundedBefore = s.funded;
    const txs = await measureTree(async () => {
      const w = "w" in op ? this.wallets[op.w] : undefined;
      switch (op.kind) {
        case "deposit":
          s.queueDeposit(w!.wallet, w!.owner, op.amount);
          break;
        case "stake":
          s.queueStake(w!.wallet, w!.owner, this.roots[op.r].address, op.amount);
          break;
        case "stakeMissingRoot":
          s.queueStake(w!.wallet, w!.owner, this.missingRoot, op.amount);
          break;
        case "unlock":
          s.queue(w!.owner, w!.wallet, s.abi.wallet, "unlock", { root: this.roots[op.r].address, amount: op.amount }, EVER);
          break;
        case "withdraw":
          s.queue(w!.owner, w!.wallet, s.abi.wallet, "withdraw", { amount: op.amount, to: w!.owner }, EVER / 2n);
          break;
        case "claim":
          s.queue(w!.owner, w!.wallet, s.abi.wallet, "claimRewards", { root: this.roots[op.r].address }, EVER);
          break;
        case "time":
          await locklift.testing.increaseTime(op.seconds);
          break;
        case "nominate":
          s.queueNominate(this.roots[op.r], op.deposit);
          break;
        case "withdrawDeposit":
          s.queue(this.roots[op.r].owner, this.roots[op.r].address, s.abi.root, "withdrawDeposit", { to: this.roots[op.r].owner }, EVER / 2n);
          break;
        case "stats": {
          const enc = encodeTermStats({
            networkId: s.net.networkId,
            termId: em.termId,
            blocks: STATS_BLOCKS,
            stats: new Map(statsOf(em, this.keys, op).map((x) => [x.key, { ...x, fees: 0n }])),
          });
          const signers = signersOf(this.keys, op).map((key) => ({ key, signingKey: this.keyPairs[this.keys.indexOf(key)] }));
          const sigs = signaturesToTokens(signTermStats(enc.hash, signers));
          s.queue(freshOwner(0), this.elector, s.abi.elector, "submitTermStats", { termId: em.termId, stats: enc.boc, signatures: sigs }, 3n * EVER);
          break;
        }
        case "endTerm":
          s.queue(freshOwner(0), this.elector, s.abi.elector, "endTerm", {}, 50n * EVER);
          await this.resumeJobs();
          break;
        case "doubleVote": {
          const dv = makeDoubleVote({ networkId: s.net.networkId, termId: em.termId, height: 7, round: 0, validator: { key: this.keys[op.r], signingKey: this.keyPairs[op.r] } });
          s.queue(freshOwner(0), this.elector, s.abi.elector, "reportDoubleVote", {
            validatorKey: `0x${this.keys[op.r]}`, header1: dv.header1, r1: dv.rs1.r, s1: dv.rs1.s, header2: dv.header2, r2: dv.rs2.r, s2: dv.rs2.s, informant: this.informant,
          }, 5n * EVER);
          await this.resumeJobs();
          break;
        }
      }
    });
    const fees = txs.reduce((a, t) => a + t.fees + t.outFwdFees, 0n);
    return this.totalBalances() + fees - before - (s.funded - fundedBefore);
  }

  now(): number {
    return nowSec();
  }

  /** Observable state of wallet `i` at root `r`: locked, unlocking (not yet released) and free. */
  async observe(i: number): Promise<{ positions: { locked: bigint; pending: bigint; unlocking: bigint; releaseAt: number }[]; free: bigint; deposited: bigint; withdrawn: bigint }> {
    const abi = this.suite.abi.wallet;
    const addr = this.wallets[i].wallet;
    const map = (await getter(abi, addr, "getPositions")).positions as [string, Record<string, string>][];
    const byRoot = new Map(map.map(([k, v]) => [k.toString(), v]));
    const positions = this.roots.map((r) => {
      const p = byRoot.get(r.address.toString());
      return p
        ? { locked: BigInt(p.locked), pending: BigInt(p.pending) + BigInt(p.revoking), unlocking: BigInt(p.unlocking), releaseAt: Number(p.releaseAt) }
        : { locked: 0n, pending: 0n, unlocking: 0n, releaseAt: 0 };
    });
    const d = await getter(abi, addr, "getDetails");
    const t = await getter(abi, addr, "getTotals");
    return { positions, free: BigInt(d.free), deposited: BigInt(t.deposited), withdrawn: BigInt(t.withdrawn) };
  }

  /** totalLocked and unsyncedDelegation of root `r`, and its delegation registered at the elector. */
  async rootLocked(r: number): Promise<{ totalLocked: bigint; unsynced: bigint; delegation: bigint }> {
    const ref = this.roots[r];
    const t = await getter(this.suite.abi.root, ref.address, "getStakeTotals");
    const a = await getter(this.suite.abi.elector, this.suite.electors.get(ref.chain)!, "getAccount", { validatorKey: `0x${ref.validatorKey}` });
    return { totalLocked: BigInt(t.totalLocked), unsynced: BigInt(t.unsyncedDelegation), delegation: BigInt(a.delegation) };
  }
}
