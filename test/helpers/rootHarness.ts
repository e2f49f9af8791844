/**
 * A DePoolRoot on its own, for root-level tests: deployed by a forged message from the dev
 * network's elector address (the only sender its constructor accepts), driven by forged elector
 * and wallet messages. With `sinkWallets` the root gets an empty code cell as `walletCode`, so
 * its "wallets" (deployed by `deployWallet`) accept every message: the root's replies can be
 * observed without the wallet contract. Real wallets and the real elector: test/chain/lifecycle*.
 */
import { Address, Contract, toNano } from "locklift";
import type { DePoolRootAbi } from "../../build/factorySource";
import { devNetwork, electorAddress, RootPolicy, DEFAULT_POLICY, codeOf } from "../../src/deploy";
import { callBody, forgeInternal } from "./forge";

/** Base64 BOC of an empty cell: code that accepts any message (TVM returns at once). */
export const EMPTY_CELL = "te6ccgEBAQEAAgAAAA==";

export interface RootHarness {
  root: Contract<DePoolRootAbi>;
  elector: Address;
  owner: Address;
  validatorKey: bigint;
  networkId: number;
  /** a message from the elector to the root */
  fromElector(method: string, params: Record<string, unknown>, amount?: string): Promise<void>;
  /** a message from the canonical wallet of `walletOwner` (per the root's walletCode) */
  fromWallet(walletOwner: Address, method: string, params: Record<string, unknown>, amount?: string): Promise<Address>;
  /** `deployWallet(walletOwner, walletOwner)` sent (forged) from `walletOwner`; returns the wallet */
  deployWallet(walletOwner: Address, amount?: string): Promise<Address>;
}

let keyCounter = 1000n;

/** Deploys a root as its elector would (forged constructor from the elector's address). */
export async function deployRootForged(opts: {
  owner: Address;
  policy?: Partial<RootPolicy>;
  sinkWallets?: boolean;
  walletCode?: string;
  validatorKey?: bigint;
  workchain?: number;
  from?: Address;
  value?: string;
}): Promise<RootHarness> {
  const net = devNetwork();
  const workchain = opts.workchain ?? 0;
  const validatorKey = opts.validatorKey ?? ++keyCounter;
  const elector = opts.from ?? (await electorAddress(locklift, net.networkId, net.deployPublicKey, workchain));
  const p = { ...DEFAULT_POLICY, ...(opts.policy ?? {}) };
  const { tvc, abi } = locklift.factory.getContractArtifacts("DePoolRoot");
  const initParams = { _pubkey: 0, networkId: net.networkId, validatorKey: String(validatorKey), owner: opts.owner };
  const { stateInit } = await locklift.provider.getStateInit(abi, { tvc, workchain, publicKey: "0".repeat(64), initParams } as never);
  const address = await locklift.provider.getExpectedAddress(abi, { tvc, workchain, publicKey: "0".repeat(64), initParams } as never);
  const walletCode = opts.walletCode ?? (opts.sinkWallets ? EMPTY_CELL : codeOf(locklift, "DePoolWallet"));
  const body = callBody(abi, "constructor", {
    lockPeriod: p.lockPeriod,
    unlockPeriod: p.unlockPeriod,
    commissionPerMille: p.commissionPerMille,
    minStake: String(p.minStake),
    capacity: String(p.capacity),
    walletCode,
  });
  await forgeInternal({ src: elector, dst: address, body, amount: opts.value ?? toNano(2), bounce: true, stateInit });
  const root = locklift.factory.getDeployedContract("DePoolRoot", address);
  return {
    root,
    elector,
    owner: opts.owner,
    validatorKey,
    networkId: net.networkId,
    async fromElector(method, params, amount = toNano(0.1)) {
      await forgeInternal({ src: elector, dst: address, body: callBody(abi, method, params), amount });
    },
    async fromWallet(walletOwner, method, params, amount = toNano(1)) {
      const w = await walletOf(root, walletOwner, workchain);
      await forgeInternal({ src: w, dst: address, body: callBody(abi, method, { walletOwner, ...params }), amount });
      return w;
    },
    async deployWallet(walletOwner, amount = toNano(1)) {
      await forgeInternal({ src: walletOwner, dst: address, body: callBody(abi, "deployWallet", { walletOwner, remainingGasTo: walletOwner }), amount });
      return walletOf(root, walletOwner, workchain);
    },
  };
}

/** The canonical wallet of `walletOwner` per the root (`getWalletAddress`). */
export async function walletOf(root: Contract<DePoolRootAbi>, walletOwner: Address, workchain = 0): Promise<Address> {
  const { wallet } = (await root.getters.getWalletAddress({ walletOwner, workchain } as never).run()) as unknown as { wallet: Address };
  return wallet;
}
