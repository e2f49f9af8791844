/**
 * A DDVS suite on the embedded network for the benchmarks, the fuzzer and the load test:
 * one DElectorConfig per chain (src/deploy/elector.ts, config defaults of src/deploy/config.ts),
 * roots deployed through `deployRoot`, wallets through their own StateInit, and every
 * operation as an internal message from an "owner" address injected into the executor's queue
 * (bench/lib/executor.ts). Owners are plain addresses: the executor does not debit them, so
 * every injected value is counted in `funded` (conservation: funded = Σ balances + Σ fees).
 *
 * Units: nanoevers (bigint), unix seconds, uint256 keys as 64-hex strings.
 */
import fs from "fs";
import path from "path";
import * as nt from "nekoton-wasm";
import { Address, Contract } from "locklift";
import { DEFAULT_CONFIG, ElectorConfig } from "../../src/deploy/config";
import { deployElector } from "../../src/deploy/elector";
import { currentNetwork, devNetwork } from "../../src/deploy/network";
import { nextHex, nextKeyPair, restartStream } from "./seed";
import { encodeBody, internalMessage, measureTree, plainTokens, TxRecord } from "./executor";
import { enqueueRawMessage, executor, processQueue } from "../../src/dev/executor";

export const EVER = 1_000_000_000n;
const ROOT_DIR = path.resolve(__dirname, "../..");

/** The constructor's `config` tuple (docs/messages.md §1): one definition, in src/deploy/config.ts. */
export type ConfigTuple = ElectorConfig;
export { DEFAULT_CONFIG };

type NetworkFile = ReturnType<typeof devNetwork>;

/**
 * The network the contracts were built for (src/deploy/network.ts: DDVS_NETWORK or
 * config/network.dev.json); the development network when that file holds no deploy secret key.
 */
export function networkFile(): NetworkFile {
  const net = currentNetwork();
  return net.deploySecretKey ? (net as NetworkFile) : devNetwork();
}

/** ABI JSON text of a built contract. */
export function abiOf(name: string): string {
  return fs.readFileSync(path.join(ROOT_DIR, "build", `${name}.abi.json`), "utf8");
}
function codeOf(name: string): string {
  return fs.readFileSync(path.join(ROOT_DIR, "build", `${name}.code.boc`), "utf8").trim();
}

/** Address of a contract with `initParams` on `workchain`, computed locally like nekoton does. */
export function expectedAddress(name: string, workchain: number, initParams: Record<string, unknown>, publicKey?: string): Address {
  return new Address(expected(name, workchain, initParams, publicKey).address);
}
function stateInitOf(name: string, initParams: Record<string, unknown>, publicKey?: string): string {
  return expected(name, 0, initParams, publicKey).stateInit;
}
/** nekoton refuses `_pubkey: 0` in initParams: a zero key is passed as the public key instead. */
function expected(name: string, workchain: number, initParams: Record<string, unknown>, publicKey?: string) {
  const tvc = nt.codeToTvc(codeOf(name)).boc;
  const params = { ...initParams };
  if (params._pubkey === 0) {
    delete params._pubkey;
    publicKey = "00".repeat(32);
  }
  return nt.getExpectedAddress(tvc, abiOf(name), workchain, publicKey, plainTokens(params) as nt.TokensObject);
}

let ownerCounter = 0;
/**
 * A fresh owner address (no account: its messages are injected; change sent to it accumulates
 * there). Deterministic: derived from the bench seed (bench/lib/seed.ts).
 */
export function freshOwner(workchain = 0): Address {
  ownerCounter += 1;
  const hex = (0xd0000000 + ownerCounter).toString(16).padStart(8, "0") + nextHex("owner").slice(8);
  return new Address(`${workchain}:${hex}`);
}

/** Secret keys (hex seeds) of every validator key the suite generated, by public key (hex). */
export const validatorSecrets = new Map<string, string>();

/**
 * A fresh validator key pair (hex; secret = 32-byte seed), derived from the bench seed
 * (bench/lib/seed.ts); its secret is kept in {@link validatorSecrets} (stats, double votes).
 */
export function freshValidatorKey(): { publicKey: string; secretKey: string } {
  const kp = nextKeyPair("validator");
  validatorSecrets.set(kp.publicKey, kp.secretKey);
  return kp;
}

export interface RootPolicyArgs {
  lockPeriod: number;
  unlockPeriod: number;
  commissionPerMille: number;
  minStake: bigint;
  capacity: bigint;
}

export interface RootRef {
  address: Address;
  chain: number;
  owner: Address;
  validatorKey: string;
}

/** A deployed DDVS network: electors per chain and the ledger of injected value. */
export class Suite {
  readonly electors = new Map<number, Address>();
  /** Σ value injected (every message sent on behalf of an owner), nanoevers */
  funded = 0n;
  readonly net: NetworkFile;
  readonly config: ConfigTuple;
  readonly chains: number[];
  readonly abi = { wallet: abiOf("DePoolWallet"), root: abiOf("DePoolRoot"), elector: abiOf("DElectorConfig") };

  private constructor(net: NetworkFile, config: ConfigTuple, chains: number[]) {
    this.net = net;
    this.config = config;
    this.chains = chains;
  }

  /**
   * Deploys one elector per chain of `chains` (must contain -1 unless it is a single chain:
   * standalone). `genesisTime` defaults to now.
   */
  static async deploy(opts: { chains: number[]; config?: Partial<ConfigTuple>; genesisTime?: number; electorValue?: bigint; fresh?: boolean }): Promise<Suite> {
    // the electors' addresses are fixed by the network (deploy key, networkId): one suite per network state
    if (opts.fresh) {
      executor().resetBlockchainState();
      // a blank state: with a seed set (the bench) identities restart from it, so a series is the
      // same alone or in a full run
      if (restartStream()) ownerCounter = 0;
    }
    const net = networkFile();
    const suite = new Suite(net, { ...DEFAULT_CONFIG, ...(opts.config ?? {}) }, opts.chains);
    const genesisTime = opts.genesisTime ?? Math.floor(locklift.testing.getCurrentTime() / 1000);
    for (const chain of opts.chains) {
      // the one elector deployment of the project (src/deploy/elector.ts)
      const value = opts.electorValue ?? 1000n * EVER;
      const { elector } = await deployElector(locklift as never, { chain, chains: opts.chains, config: suite.config, genesisTime, value: value.toString(), network: net });
      suite.funded += value;
      suite.electors.set(chain, elector.address);
    }
    return suite;
  }

  elector(chain: number): Contract<any> {
    return locklift.factory.getDeployedContract("DElectorConfig", this.electors.get(chain)!) as Contract<any>;
  }
  root(address: Address): Contract<any> {
    return locklift.factory.getDeployedContract("DePoolRoot", address) as Contract<any>;
  }
  wallet(address: Address): Contract<any> {
    return locklift.factory.getDeployedContract("DePoolWallet", address) as Contract<any>;
  }

  rootAddress(chain: number, validatorKey: string, owner: Address): Address {
    return expectedAddress("DePoolRoot", chain, { _pubkey: 0, networkId: this.net.networkId, validatorKey: `0x${validatorKey}`, owner });
  }
  walletAddress(chain: number, owner: Address): Address {
    return expectedAddress("DePoolWallet", chain, { _pubkey: 0, networkId: this.net.networkId, owner });
  }

  /** Queues a call (no processing); the value counts as funding. */
  queue(from: Address, to: Address, abi: string, method: string, input: Record<string, unknown>, value: bigint, stateInit?: string): void {
    this.funded += value;
    enqueueRawMessage(internalMessage({ src: from, dst: to, body: encodeBody(abi, method, input), value, stateInit }));
  }

  /** Queues a plain transfer. */
  queueTransfer(from: Address, to: Address, value: bigint, bounce = true): void {
    this.funded += value;
    enqueueRawMessage(internalMessage({ src: from, dst: to, value, bounce }));
  }

  /** Sends one call and returns every transaction of its message tree. */
  async call(from: Address, to: Address, abi: string, method: string, input: Record<string, unknown>, value: bigint): Promise<TxRecord[]> {
    return measureTree(async () => this.queue(from, to, abi, method, input, value));
  }

  // ----------------------------------------------------------------- bulk builders (queue only)

  /** Queues `deployRoot` for `owner` with `validatorKey` on `chain`; the address is known after {@link resolveRoots}. */
  queueDeployRoot(chain: number, owner: Address, validatorKey: string, policy: Partial<RootPolicyArgs> = {}, value = 3n * EVER): RootRef {
    const p = { lockPeriod: 0, unlockPeriod: this.config.minUnlockPeriod, commissionPerMille: 100, minStake: this.config.minStake, capacity: 0n, ...policy };
    this.queue(owner, this.electors.get(chain)!, this.abi.elector, "deployRoot", {
      validatorKey: `0x${validatorKey}`, lockPeriod: p.lockPeriod, unlockPeriod: p.unlockPeriod, commissionPerMille: p.commissionPerMille,
      minStake: p.minStake.toString(), capacity: p.capacity.toString(),
    }, value);
    return { address: this.rootAddress(chain, validatorKey, owner), chain, owner, validatorKey };
  }

  /**
   * Sets each root's address from its elector's `getRootAddress` (the contract's own computation:
   * nekoton's getExpectedAddress disagrees for DePoolRoot).
   */
  async resolveRoots(roots: RootRef[]): Promise<RootRef[]> {
    for (const r of roots) {
      const res = await (this.elector(r.chain) as any).getters.getRootAddress({ validatorKey: `0x${r.validatorKey}`, owner: r.owner }).run();
      r.address = res.root;
    }
    return roots;
  }

  /** Deploys roots (queue + run + resolve). */
  async deployRoots(specs: { chain: number; owner?: Address; validatorKey?: string; policy?: Partial<RootPolicyArgs> }[]): Promise<RootRef[]> {
    const refs = specs.map((x) => this.queueDeployRoot(x.chain, x.owner ?? freshOwner(x.chain), x.validatorKey ?? freshValidatorKey().publicKey, x.policy));
    await this.run();
    return this.resolveRoots(refs);
  }

  /** Queues `selfNominate(deposit, signingKey)` from the root's owner (value = deposit + 2 EVER). */
  queueNominate(root: RootRef, deposit: bigint, signingKey = root.validatorKey): void {
    this.queue(root.owner, root.address, this.abi.root, "selfNominate", { deposit: deposit.toString(), signingKey: `0x${signingKey}`, metadata: "" }, deposit + 2n * EVER);
  }

  /** Queues a wallet deployment by its StateInit (constructor(remainingGasTo = owner)) with `value`. */
  queueDeployWallet(chain: number, owner: Address, value = 1n * EVER): Address {
    const addr = this.walletAddress(chain, owner);
    const stateInit = stateInitOf("DePoolWallet", { _pubkey: 0, networkId: this.net.networkId, owner });
    this.queue(owner, addr, this.abi.wallet, "constructor", { remainingGasTo: owner }, value, stateInit);
    return addr;
  }

  /** Queues `deposit(amount)` to a wallet (value = amount + 0.1 EVER). */
  queueDeposit(wallet: Address, owner: Address, amount: bigint): void {
    this.queue(owner, wallet, this.abi.wallet, "deposit", { amount: amount.toString(), remainingGasTo: owner }, amount + EVER / 10n);
  }

  /** Queues `stake(root, amount)` from the wallet's owner (value 1.5 EVER). */
  queueStake(wallet: Address, owner: Address, root: Address, amount: bigint, value = (3n * EVER) / 2n): void {
    this.queue(owner, wallet, this.abi.wallet, "stake", { root, amount: amount.toString() }, value);
  }

  /** Processes everything queued. */
  async run(): Promise<void> {
    await processQueue();
  }
}
