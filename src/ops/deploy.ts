/**
 * Suite deployment for the ops layer: one DElectorConfig per chain through src/deploy's
 * `deployElector` (signed external constructor with the network's deploy key; an existing elector
 * is found, not redeployed), all with the same config, chain list and genesis time.
 * Config: src/deploy's DEFAULT_CONFIG (docs/messages.md §1) with overrides.
 */
import { currentNetwork, deployElector, ElectorConfig, NetworkFile } from "../deploy";
import { checkPeers } from "../deploy/chains";
import type { SuiteFile } from "./suite";
import type { Progress } from "./progress";

export interface DeployOptions {
  network: string;
  chains: number[];
  /** overrides of src/deploy's DEFAULT_CONFIG */
  config?: Partial<ElectorConfig>;
  /** start of term 1, unix seconds (default: the network's now) */
  genesisTime?: number;
  /** each elector's operating balance, nanoevers (default 1000 EVER) */
  electorValue?: bigint;
  progress?: Progress;
  /** another deploy key / networkId than the network file's (tests: several suites in one
   * process; roots cannot be deployed by such electors, their code carries the file's hash) */
  deployKey?: { publicKey: string; secretKey: string };
  networkId?: number;
}

/** Deploys (or finds) one elector per chain; returns the suite. */
export async function deploySuite(opts: DeployOptions): Promise<SuiteFile> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ll = (global as any).locklift;
  const base = currentNetwork();
  const network: NetworkFile & { deploySecretKey?: string } = opts.deployKey
    ? { ...base, name: `${base.name}-custom`, networkId: opts.networkId ?? base.networkId, deployPublicKey: opts.deployKey.publicKey, deploySecretKey: opts.deployKey.secretKey }
    : base;
  const genesisTime = opts.genesisTime ?? Math.floor(ll.testing.getCurrentTime() / 1000);
  const electors: Record<string, string> = {};
  opts.progress?.step(`deploying DElectorConfig on chains ${opts.chains.join(", ")}`);
  let i = 0;
  for (const chain of opts.chains) {
    const d = await deployElector(ll, { chain, chains: opts.chains, config: opts.config, genesisTime, value: (opts.electorValue ?? 1000n * 1_000_000_000n).toString(), network });
    electors[String(chain)] = d.elector.address.toString();
    opts.progress?.tick(++i, opts.chains.length);
  }
  if (opts.chains.length > 1) {
    // every elector must find every peer where it was deployed (src/deploy/chains.ts)
    const { elector } = await import("./contracts");
    await checkPeers({ network, networkId: network.networkId, chains: opts.chains, electors: new Map(opts.chains.map((c) => [c, elector(electors[String(c)])] as const)), constructorParams: {} } as never);
  }
  return { network: opts.network, networkId: network.networkId, chains: opts.chains, electors, deployedAt: genesisTime };
}
