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

export type ElectorContract = Contract<FactorySource["DElectorConfig"]>;

/** The constructor's `config` tuple (docs/messages.md §1, ids 1–18, in order). Strings: nekoton tokens. */
export interface ElectorConfig {
  term: number;
  nominationExpiration: number;
  custodyPeriod: number;
  releasePeriod: number;
  maxValidators: number;
  minValidators: number;
  delegationThreshold: string;
  minDeposit: string;
  delegatorSlashRate: number;
  slashToInformant: boolean;
  minLockPeriod: number;
  maxLockPeriod: number;
  minUnlockPeriod: number;
  maxUnlockPeriod: number;
  maxCommission: number;
  minStake: string;
  reportTimeout: number;
  maxProposalDuration: number;
}

/** Defaults of docs/messages.md §1 (amounts in nanoevers). */
export const DEFAULT_ELECTOR_CONFIG: Readonly<ElectorConfig> = Object.freeze({
  term: 3600,
  nominationExpiration: 24,
  custodyPeriod: 24,
  releasePeriod: 240,
  maxValidators: 30,
  minValidators: 4,
  delegationThreshold: toNano(100_000),
  minDeposit: toNano(10_000),
  delegatorSlashRate: 0,
  slashToInformant: true,
  minLockPeriod: 0,
  maxLockPeriod: 31_536_000,
  minUnlockPeriod: 7_200,
  maxUnlockPeriod: 2_592_000,
  maxCommission: 1000,
  minStake: toNano(1),
  reportTimeout: 300,
  maxProposalDuration: 604_800,
});

export interface DeployElectorsOptions {
  /** network id (static field): electors of different networks never accept each other */
  networkId: number;
  /** chain list, default [−1, 0, 1, 2] */
  chains?: number[];
  /** the network deploy key (hex); `_pubkey` of every elector */
  publicKey: string;
  config?: Partial<ElectorConfig>;
  /** canonical codes (base64 BOC); default: the built DePoolRoot / DePoolWallet */
  rootCode?: string;
  walletCode?: string;
  /** start of term 1, unix seconds; default: now (network time) */
  genesisTime?: number;
  /** value of each deployment, nanoevers; default 50 EVER (the operating balance funds peer messages) */
  value?: string;
}

export interface DeployedElectors {
  networkId: number;
  chains: number[];
  /** chain id → elector */
  electors: Map<number, ElectorContract>;
  constructorParams: Record<string, unknown>;
}

/** The constructor arguments every chain's elector gets (identical on all chains). */
export function electorConstructorParams(opts: DeployElectorsOptions, genesisTime: number): Record<string, unknown> {
  const chains = opts.chains ?? [-1, 0, 1, 2];
  return {
    config: { ...DEFAULT_ELECTOR_CONFIG, ...(opts.config ?? {}) },
    rootCode: opts.rootCode ?? locklift.factory.getContractArtifacts("DePoolRoot").code,
    walletCode: opts.walletCode ?? locklift.factory.getContractArtifacts("DePoolWallet").code,
    chains: chains.map((c) => [c, true]),
    genesisTime,
  };
}

/** Address of the canonical elector of `chainId` for `(publicKey, networkId)`, computed off chain. */
export async function electorAddress(publicKey: string, networkId: number, chainId: number): Promise<Address> {
  const art = locklift.factory.getContractArtifacts("DElectorConfig");
  return locklift.provider.getExpectedAddress(art.abi, {
    tvc: art.tvc,
    workchain: chainId,
    publicKey,
    initParams: { _pubkey: `0x${publicKey}`, networkId },
  } as never);
}

/**
 * Deploys the elector of every chain of the list and checks the peers (`checkPeers`).
 * Throws if a deployment fails or a peer check fails.
 */
export async function deployElectors(opts: DeployElectorsOptions): Promise<DeployedElectors> {
  const chains = opts.chains ?? [-1, 0, 1, 2];
  const genesisTime = opts.genesisTime ?? Math.floor((await locklift.provider.getProviderState()).networkTime ?? Date.now() / 1000);
  const constructorParams = electorConstructorParams({ ...opts, chains }, genesisTime);
  const electors = new Map<number, ElectorContract>();
  for (const chainId of chains) {
    const { contract } = await locklift.factory.deployContract({
      contract: "DElectorConfig",
      publicKey: opts.publicKey,
      initParams: { _pubkey: `0x${opts.publicKey}`, networkId: opts.networkId },
      constructorParams: constructorParams as never,
      value: opts.value ?? toNano(50),
      workchain: chainId,
    } as never);
    electors.set(chainId, contract as unknown as ElectorContract);
  }
  const deployed = { networkId: opts.networkId, chains, electors, constructorParams };
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
