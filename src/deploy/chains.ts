/**
 * Deploys one DElectorConfig per chain (the masterchain −1 and every workchain of the list) with
 * identical constructor arguments, and checks that every elector computes every other one's
 * address (`getPeerAddress`) exactly where it was deployed (DDVS.md §1 "D'Elector peers are found
 * from (networkId, chainId)"; docs/messages.md §4 "constructor", docs/crosschain.md).
 *
 * Works on any locklift network whose config routes the chains (the `locklift` network routes
 * −1, 0, 1, 2: src/network/config.ts). Each elector is deployed by a signed external constructor
 * with the network deploy key in `_pubkey` (the same on every chain, so all electors share one
 * StateInit and differ only by workchain).
 */
import { Address, Contract, toNano } from "locklift";
import type { FactorySource } from "../../build/factorySource";
import { chainsTokens, configTokens, DEFAULT_CONFIG, ElectorConfig } from "./config";
import { electorAddress as canonicalElectorAddress, codeOf } from "./codes";
import { deployElector } from "./elector";
import { devNetwork, NetworkFile } from "./network";

export type ElectorContract = Contract<FactorySource["DElectorConfig"]>;

export interface DeployElectorsOptions {
  /** network (networkId, deploy key pair); default the development network (the one roots are built for) */
  network?: NetworkFile & { deploySecretKey?: string };
  /** chain list, default [−1, 0, 1, 2] */
  chains?: number[];
  config?: Partial<ElectorConfig>;
  /** start of term 1, unix seconds; default: now (network time) */
  genesisTime?: number;
  /** value of each deployment, nanoevers; default 50 EVER (the operating balance funds peer messages) */
  value?: string;
}

export interface DeployedElectors {
  network: NetworkFile;
  networkId: number;
  chains: number[];
  /** chain id → elector */
  electors: Map<number, ElectorContract>;
  /** the constructor arguments every elector got */
  constructorParams: Record<string, unknown>;
}

/** The constructor arguments every chain's elector gets (identical on all chains). */
export function electorConstructorParams(chains: readonly number[], genesisTime: number, config: Partial<ElectorConfig> = {}): Record<string, unknown> {
  return {
    config: configTokens({ ...DEFAULT_CONFIG, ...config }),
    rootCode: codeOf(locklift, "DePoolRoot"),
    walletCode: codeOf(locklift, "DePoolWallet"),
    chains: chainsTokens(chains),
    genesisTime,
  };
}

/** Address of the canonical elector of `chainId` for `(publicKey, networkId)`, computed off chain. */
export async function electorAddress(publicKey: string, networkId: number, chainId: number): Promise<Address> {
  return canonicalElectorAddress(locklift, networkId, publicKey, chainId);
}

/**
 * Deploys (or finds) the elector of every chain of the list with identical arguments
 * (src/deploy/elector.ts) and checks the peers (`checkPeers`). Throws if a peer check fails.
 */
export async function deployElectors(opts: DeployElectorsOptions = {}): Promise<DeployedElectors> {
  const network = opts.network ?? devNetwork();
  const chains = opts.chains ?? [-1, 0, 1, 2];
  const genesisTime = opts.genesisTime ?? Math.floor(locklift.testing.getCurrentTime() / 1000);
  const electors = new Map<number, ElectorContract>();
  for (const chain of chains) {
    const { elector } = await deployElector(locklift, { chain, chains, config: opts.config, genesisTime, value: opts.value ?? toNano(50), network });
    electors.set(chain, elector as unknown as ElectorContract);
  }
  const deployed = { network, networkId: network.networkId, chains, electors, constructorParams: electorConstructorParams(chains, genesisTime, opts.config) };
  await checkPeers(deployed);
  return deployed;
}

/**
 * Every elector must (1) be deployed with the built code, (2) hold the same chain list and
 * (3) compute, for every chain of the list, exactly the address the peer was deployed at.
 * Returns the list of problems (empty when all electors see each other); `deployElectors` throws on any.
 */
export async function peerProblems(d: DeployedElectors): Promise<string[]> {
  const problems: string[] = [];
  const codeHash = locklift.factory.getContractArtifacts("DElectorConfig").codeHash;
  for (const [chainId, elector] of d.electors) {
    const state = await locklift.provider.getFullContractState({ address: elector.address });
    if (!state.state?.isDeployed) problems.push(`elector of chain ${chainId} is not deployed`);
    else if (state.state.codeHash !== codeHash) problems.push(`elector of chain ${chainId} runs other code`);
    for (const [peerChain, peer] of d.electors) {
      const { peer: seen } = await (elector as any).getters.getPeerAddress({ chainId: peerChain }).run();
      if (!seen.equals(peer.address)) problems.push(`elector ${chainId} sees chain ${peerChain} at ${seen}, deployed at ${peer.address}`);
    }
  }
  return problems;
}

/** Throws when `peerProblems` finds any. */
export async function checkPeers(d: DeployedElectors): Promise<void> {
  const problems = await peerProblems(d);
  if (problems.length > 0) throw new Error(`elector peers do not match:\n${problems.join("\n")}`);
}
