/** Deploys a chain's DElectorConfig with the network deploy key (signed external constructor). */
import { Address, Contract, toNano } from "locklift";
import type { DElectorConfigAbi } from "../../build/factorySource";
import { chainsTokens, configTokens, DEFAULT_CONFIG, ElectorConfig } from "./config";
import { codeOf, electorAddress, LL } from "./codes";
import { devNetwork, NetworkFile } from "./network";

export interface DeployElectorOptions {
  /** chain (workchain id) of this elector; default 0 */
  chain?: number;
  /** chain list (must contain `chain`; a list of only `chain` is standalone); default [chain] */
  chains?: readonly number[];
  /** config params 1–18; default DEFAULT_CONFIG with these overrides */
  config?: Partial<ElectorConfig>;
  /** start of term 1, unix seconds; default the network's now */
  genesisTime?: number;
  /** value, nanoevers; default 50 EVER (operating balance) */
  value?: string;
  /** network (networkId + deploy key pair); default the development network */
  network?: NetworkFile & { deploySecretKey?: string };
}

export interface DeployedElector {
  elector: Contract<DElectorConfigAbi>;
  chain: number;
  network: NetworkFile;
  config: ElectorConfig;
}

/**
 * Deploys (or finds, when already deployed) the elector of `chain`: `_pubkey` = the network's
 * deploy key, constructor(config, rootCode, walletCode, chains, genesisTime) signed with it.
 * The build compiled the root against the same network file, so the root accepts this elector.
 */
export async function deployElector(ll: LL, opts: DeployElectorOptions = {}): Promise<DeployedElector> {
  const network = opts.network ?? devNetwork();
  if (!network.deploySecretKey) throw new Error(`network ${network.name}: the deploy secret key is needed to sign the elector constructor`);
  ll.keystore.addKeyPair({ publicKey: network.deployPublicKey, secretKey: network.deploySecretKey });
  const chain = opts.chain ?? 0;
  const chains = opts.chains ?? [chain];
  const config: ElectorConfig = { ...DEFAULT_CONFIG, ...(opts.config ?? {}) };
  const address = await electorAddress(ll, network.networkId, network.deployPublicKey, chain);
  const existing = await ll.provider.getFullContractState({ address });
  if (existing.state?.isDeployed) {
    return { elector: ll.factory.getDeployedContract("DElectorConfig", address), chain, network, config };
  }
  const genesisTime = opts.genesisTime ?? Math.floor(ll.testing.getCurrentTime() / 1000);
  const { contract } = await ll.factory.deployContract({
    contract: "DElectorConfig",
    publicKey: network.deployPublicKey,
    initParams: { _pubkey: `0x${network.deployPublicKey}`, networkId: network.networkId } as never,
    constructorParams: {
      config: configTokens(config),
      rootCode: codeOf(ll, "DePoolRoot"),
      walletCode: codeOf(ll, "DePoolWallet"),
      chains: chainsTokens(chains),
      genesisTime,
    } as never,
    value: opts.value ?? toNano(50),
    workchain: chain,
  } as never);
  if (!contract.address.equals(address)) throw new Error(`elector deployed at ${contract.address}, expected ${address}`);
  return { elector: contract as unknown as Contract<DElectorConfigAbi>, chain, network, config };
}

export type { Address };
