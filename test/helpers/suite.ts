/**
 * The DDVS suite on the embedded network for integration tests: the dev network's elector of a
 * workchain (deployed once per test run per workchain, standalone), validators' roots deployed
 * through it (`deployRoot`) and nominated, and stakers with real DePoolWallets (deployed through
 * the root or directly). Built on src/deploy.
 */
import { Address, Contract, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import type { DElectorConfigAbi, DePoolRootAbi } from "../../build/factorySource";
import { deployElector, deployRoot, deployWalletDirect, deployWalletViaRoot, devNetwork, ElectorConfig, RootPolicy } from "../../src/deploy";
import { makeWallet, TestAccount } from "./accounts";
import { DePoolWallet, WalletLedger } from "./wallet";

const EVER = 1_000_000_000n;

/** The config every integration test's elector uses (small deposits so tests stay cheap). */
export const TEST_CONFIG: Partial<ElectorConfig> = {
  minDeposit: 100n * EVER,
  delegationThreshold: EVER,
  minStake: EVER,
  minUnlockPeriod: 600,
};

const electors = new Map<number, Contract<DElectorConfigAbi>>();

/** Per-workchain config overrides (workchain 1, the slashing tests: slash everything, burn it). */
export const CHAIN_CONFIG: Record<number, Partial<ElectorConfig>> = {
  1: { delegatorSlashRate: 1000, slashToInformant: false, minValidators: 1 },
};

/** The dev network's elector of `workchain` (standalone), deployed on first use. */
export async function suiteElector(workchain: number): Promise<Contract<DElectorConfigAbi>> {
  let e = electors.get(workchain);
  if (!e) {
    const config = { ...TEST_CONFIG, ...(CHAIN_CONFIG[workchain] ?? {}) };
    e = (await deployElector(locklift, { chain: workchain, chains: [workchain], config, value: toNano(1000) })).elector;
    electors.set(workchain, e);
  }
  return e;
}

export interface Validator {
  owner: TestAccount;
  key: bigint;
  signing: { publicKey: string; secretKey: string };
  root: Contract<DePoolRootAbi>;
  elector: Contract<DElectorConfigAbi>;
}

/** A random uint256 validator key. */
export function randomKey(): bigint {
  return BigInt("0x" + nt.ed25519_generateKeyPair().publicKey);
}

/** Deploys a root through the elector of `workchain`; nominates it with `deposit` EVER unless 0. */
export async function validator(workchain: number, policy: Partial<RootPolicy> = {}, deposit = 100): Promise<Validator> {
  const elector = await suiteElector(workchain);
  const owner = await makeWallet(deposit + 50, workchain);
  const key = randomKey();
  const root = await deployRoot(locklift, { elector, networkId: devNetwork().networkId, owner: owner.address, validatorKey: key, policy });
  const signing = nt.ed25519_generateKeyPair();
  if (deposit > 0) {
    await root.methods
      .selfNominate({ deposit: toNano(deposit), signingKey: `0x${signing.publicKey}`, metadata: Buffer.from("ddvs test validator").toString("base64") } as never)
      .send({ from: owner.address, amount: toNano(deposit + 2), bounce: true });
  }
  return { owner, key, signing, root, elector };
}

export interface Staker {
  owner: TestAccount;
  wallet: DePoolWallet;
  ledger: WalletLedger;
}

/** A staker with its DePoolWallet (through the root, or directly) and `fund` EVER deposited. */
export async function staker(root: Contract<DePoolRootAbi>, fund: number, via: "root" | "direct" = "root"): Promise<Staker> {
  const workchain = Number(root.address.toString().split(":")[0]);
  const owner = await makeWallet(fund + 20, workchain);
  const networkId = devNetwork().networkId;
  const wallet = (via === "root"
    ? await deployWalletViaRoot(locklift, root, networkId, owner.address)
    : await deployWalletDirect(locklift, networkId, owner.address, { workchain })) as unknown as DePoolWallet;
  const ledger = new WalletLedger(wallet);
  if (fund > 0) {
    await ledger.run(wallet.methods.deposit({ amount: toNano(fund), remainingGasTo: owner.address }).send({ from: owner.address, amount: toNano(fund + 0.2), bounce: true }));
  }
  return { owner, wallet, ledger };
}

export type { Address };
