/**
 * DePoolWallet test kit: direct deployment (internal constructor with StateInit from an EverWallet),
 * running calls while collecting the wallet's own transactions (decoded: compute gas, storage fee,
 * total fees, exit code), and the coin ledger the invariant checks.
 */
import { Address, Contract, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import { FactorySource } from "../../build/factorySource";

export type DePoolWallet = Contract<FactorySource["DePoolWallet"]>;
export const WALLET_RESERVE = 100_000_000n;
export const NETWORK_ID = 7;

export interface WalletTx {
  /** compute-phase exit code (undefined when skipped) */
  exitCode: number | undefined;
  aborted: boolean;
  gasUsed: number;
  totalFees: bigint;
  storageFee: bigint;
  bouncedIn: boolean;
  /** the inbound message had an empty body or op 0 (plain transfer) */
  plainIn: boolean;
  inValue: bigint;
  outInternal: { dst: string; value: bigint; bounce: boolean; body?: string }[];
  /** DePoolWallet events emitted by the transaction, in order */
  events: { event: string; data: any }[];
  raw: nt.JsRawTransaction;
}

let walletAbi: string | undefined;
let eventNames: string[] = [];
function abiJson(): string {
  if (!walletAbi) {
    const abi = locklift.factory.getContractArtifacts("DePoolWallet").abi as any;
    walletAbi = JSON.stringify(abi);
    eventNames = abi.events.map((e: any) => e.name);
  }
  return walletAbi;
}

/** Decodes a raw transaction of the wallet. */
export function decodeTx(boc: string): WalletTx {
  const raw = nt.decodeRawTransaction(boc);
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const d: any = raw.description;
  const compute: any = d.compute;
  const inMsg: any = raw.inMessage;
  let plainIn = false;
  if (inMsg?.body) {
    const { Cell } = require("@ton/core");
    const s = Cell.fromBase64(inMsg.body).beginParse();
    plainIn = s.remainingBits < 32 || s.preloadUint(32) === 0;
  } else plainIn = true;
  return {
    exitCode: compute?.type === "vm" || compute?.exitCode !== undefined ? compute.exitCode : undefined,
    aborted: d.aborted,
    gasUsed: Number(compute?.gasUsed ?? 0),
    totalFees: BigInt(raw.totalFees),
    storageFee: BigInt(d.storage?.storageFeesCollected ?? 0),
    bouncedIn: Boolean(inMsg?.bounced),
    plainIn: inMsg?.src !== undefined && inMsg?.src !== "" ? plainIn : false,
    inValue: BigInt(inMsg?.value ?? 0),
    outInternal: (raw.outMessages as any[])
      .filter((m) => m.msgType === "IntMsg")
      .map((m) => ({ dst: m.dst, value: BigInt(m.value), bounce: m.bounce, body: m.body })),
    events: (raw.outMessages as any[])
      .filter((m) => m.msgType === "ExtOut" && m.body)
      .map((m) => nt.decodeEvent(m.body, abiJson(), eventNames as any))
      .filter((e): e is nt.DecodedEvent => e !== undefined)
      .map((e) => ({ event: e.event, data: e.data })),
    raw,
  };
}

/**
 * Keeps the wallet's own fees: storage fees of every transaction, plus the whole fees of the
 * transactions that absorb their inbound value (plain transfers and bounced messages, which
 * become free balance; a stray bounce forwarded to the owner absorbs nothing); every other call
 * pays its gas from the attached value (reserve pattern).
 */
export class WalletLedger {
  ownFees = 0n;
  constructor(readonly wallet: DePoolWallet) {}

  account(txs: WalletTx[]) {
    for (const t of txs) {
      // a stray bounce (nothing to roll back) forwards its value to the owner: it absorbs nothing
      const absorbs = !t.aborted && (t.bouncedIn || t.plainIn) && t.outInternal.length === 0;
      this.ownFees += absorbs ? t.totalFees : t.storageFee;
    }
  }

  /** Runs a send, returns the wallet's transactions (in order) and all transactions of the tree. */
  async run<T>(p: Promise<T>): Promise<{ txs: WalletTx[]; all: { account: string; tx: WalletTx }[] }> {
    const { transactions } = await locklift.transactions.waitFinalized(p as any);
    const all = (transactions as any[]).map((t) => ({ account: t.account.toString(), tx: decodeTx(t.boc) }));
    const txs = all.filter((t) => t.account === this.wallet.address.toString()).map((t) => t.tx);
    this.account(txs);
    return { txs, all };
  }

  /** free + committed + withdrawn + slashed = deposited + rewards − own fees, and the storage identities. */
  async check(): Promise<State> {
    const s = await walletState(this.wallet);
    const lhs = s.free + s.committed + s.totals.withdrawn + s.totals.slashed;
    const rhs = s.totals.deposited + s.totals.rewards - this.ownFees;
    if (lhs !== rhs) throw new Error(`invariant: free ${s.free} + committed ${s.committed} + withdrawn ${s.totals.withdrawn} + slashed ${s.totals.slashed} = ${lhs} != deposited ${s.totals.deposited} + rewards ${s.totals.rewards} - fees ${this.ownFees} = ${rhs}`);
    if (s.balance !== WALLET_RESERVE + s.free + s.committed) throw new Error(`balance ${s.balance} != reserve + free ${s.free} + committed ${s.committed}`);
    const sumPositions = s.positions.reduce((a, [, p]) => a + p.pending + p.locked + p.revoking + p.unlocking, 0n);
    const sumRedelegations = s.redelegations.reduce((a, [, r]) => a + r.amount, 0n);
    if (s.committedStored !== sumPositions + sumRedelegations) throw new Error(`committed ${s.committedStored} != Σ positions ${sumPositions} + Σ redelegations ${sumRedelegations}`);
    return s;
  }
}

export interface Pos {
  pending: bigint;
  locked: bigint;
  lockUntil: number;
  unlockPeriod: number;
  revoking: bigint;
  unlocking: bigint;
  releaseAt: number;
}
export interface State {
  balance: bigint;
  free: bigint;
  committed: bigint;
  /** committed as stored (incl. released unlocking not yet settled) */
  committedStored: bigint;
  totals: { deposited: bigint; withdrawn: bigint; slashed: bigint; rewards: bigint };
  positions: [string, Pos][];
  redelegations: [string, { toRoot: string; amount: bigint }][];
}

const pos = (p: any): Pos => ({
  pending: BigInt(p.pending),
  locked: BigInt(p.locked),
  lockUntil: Number(p.lockUntil),
  unlockPeriod: Number(p.unlockPeriod),
  revoking: BigInt(p.revoking),
  unlocking: BigInt(p.unlocking),
  releaseAt: Number(p.releaseAt),
});

export async function walletState(w: DePoolWallet): Promise<State> {
  const d = await w.getters.getDetails({}).run();
  const t = await w.getters.getTotals({}).run();
  const ps = await w.getters.getPositions({}).run();
  const rs = await w.getters.getRedelegations({}).run();
  const committedStored = BigInt(await w.fields.committed());
  return {
    balance: BigInt(d.balance),
    free: BigInt(d.free),
    committed: BigInt(d.committed),
    committedStored,
    totals: { deposited: BigInt(t.deposited), withdrawn: BigInt(t.withdrawn), slashed: BigInt(t.slashed), rewards: BigInt(t.rewards) },
    positions: (ps.positions as any[]).map(([k, v]) => [k.toString(), pos(v)]),
    redelegations: (rs.redelegations as any[]).map(([k, v]) => [k.toString(), { toRoot: v.toRoot.toString(), amount: BigInt(v.amount) }]),
  };
}

export async function getPosition(w: DePoolWallet, root: Address): Promise<Pos> {
  return pos(await w.getters.getPosition({ root }).run());
}

/** Address and StateInit of the canonical wallet of `owner` (`_pubkey` 0). */
export async function walletStateInit(owner: Address, workchain = 0, networkId = NETWORK_ID): Promise<{ address: Address; stateInit: string }> {
  const art = locklift.factory.getContractArtifacts("DePoolWallet");
  const r = await locklift.provider.getStateInit(art.abi, {
    tvc: art.tvc,
    workchain,
    publicKey: "0".repeat(64),
    initParams: { _pubkey: "0x0", networkId, owner },
  } as never);
  return { address: r.address, stateInit: r.stateInit };
}

/** A DePoolWallet contract object at the canonical address of `owner`. */
export async function walletOf(owner: Address, workchain = 0, networkId = NETWORK_ID): Promise<DePoolWallet> {
  const { address } = await walletStateInit(owner, workchain, networkId);
  return locklift.factory.getDeployedContract("DePoolWallet", address);
}

/** Sends `constructor(remainingGasTo)` with the wallet's StateInit from `from` (an EverWallet). */
export function deployCall(w: DePoolWallet, from: Address, stateInit: string, remainingGasTo: Address, value = toNano(1)) {
  return w.methods.constructor({ remainingGasTo }).send({ from, amount: value, bounce: true, stateInit });
}
