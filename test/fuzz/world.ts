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
import { accountSummary, executor, getter, measureTree, networkNow, TxRecorder } from "../../bench/lib/executor";
import { EVER, freshOwner, freshValidatorKey, RootRef, Suite } from "../../bench/lib/suite";
import { Op } from "./ops";
import * as nt from "nekoton-wasm";

/** Balance of a shard account BOC, nanoevers (0 for none). */
function shardBalance(boc: string): bigint {
  const st = nt.parseShardAccountBoc(boc);
  return st ? BigInt(st.balance) : 0n;
}
export const PROF: Record<string, number> = {};

/** Free-balance buffer each wallet gets outside the model (absorbs storage fees). */
export const BUFFER = EVER / 2n;

export interface WalletRef {
  owner: Address;
  wallet: Address;
  withdrawn: bigint;
  deposited: bigint;
}

export class World {
  readonly missingRoot = new Address(`0:${"ee".repeat(32)}`);
  private snapshot = -1;
  private constructor(readonly suite: Suite, readonly roots: RootRef[], readonly wallets: WalletRef[]) {}

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

  static async create(roots: number, wallets: number): Promise<World> {
    const suite = await Suite.deploy({ chains: [-1, 0], config: { minUnlockPeriod: 600 }, fresh: true });
    const rs: RootRef[] = await suite.deployRoots(Array.from({ length: roots }, (_, i) => ({ chain: 0, policy: { lockPeriod: 1000 * (i + 1), unlockPeriod: 600 * (i + 1) } })));
    rs.forEach((r) => suite.queueNominate(r, suite.config.minDeposit));
    const ws: WalletRef[] = [];
    for (let i = 0; i < wallets; i++) {
      const owner = freshOwner(0);
      ws.push({ owner, wallet: suite.queueDeployWallet(0, owner), withdrawn: 0n, deposited: 0n });
    }
    await suite.run();
    for (const w of ws) suite.queueDeposit(w.wallet, w.owner, BUFFER);
    await suite.run();
    return new World(suite, rs, ws);
  }

  /** Balance per account, recomputed only when the account's BOC changed (parsing is the cost). */
  private balances = new Map<string, { boc: string; balance: bigint }>();

  /** Σ balances of every account but the giver, nanoevers. */
  totalBalances(): bigint {
    const accounts = executor().state.accounts as Record<string, string>;
    let s = 0n;
    for (const [addr, boc] of Object.entries(accounts)) {
      if (addr.startsWith("0:f2570313")) continue; // the embedded giver
      let c = this.balances.get(addr);
      if (!c || c.boc !== boc) {
        c = { boc, balance: shardBalance(boc) };
        this.balances.set(addr, c);
      }
      s += c.balance;
    }
    return s;
  }

  /** Sends `op`; returns the conservation residue (0 = nothing lost or created). */
  async apply(op: Op): Promise<bigint> {
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
      }
    });
    const fees = txs.reduce((a, t) => a + t.fees + t.outFwdFees, 0n);
    return this.totalBalances() + fees - before - (s.funded - fundedBefore);
  }

  now(): number {
    return networkNow();
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
