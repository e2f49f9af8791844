/**
 * Suite deployment for the ops layer: uses src/deploy (root branch) when it is present; until
 * then deploys the electors directly (signed external constructor, the network's deploy key).
 *
 * Constants: `SUITE_CONFIG` = the seed's values, docs/messages.md §1 (amounts in nanoevers,
 * periods in terms, times in seconds).
 */
import fs from "fs";
import path from "path";
import { REPO_ROOT } from "./network";
import { SuiteFile } from "./suite";
import type { Progress } from "./progress";

const NANO = 1_000_000_000n;

/** The constructor's `config` tuple (ids 1–18) with the seed's defaults. */
export const SUITE_CONFIG = Object.freeze({
  term: 3600,
  nominationExpiration: 24,
  custodyPeriod: 24,
  releasePeriod: 240,
  maxValidators: 30,
  minValidators: 4,
  delegationThreshold: (100_000n * NANO).toString(),
  minDeposit: (10_000n * NANO).toString(),
  delegatorSlashRate: 0,
  slashToInformant: true,
  minLockPeriod: 0,
  maxLockPeriod: 31_536_000,
  minUnlockPeriod: 7200,
  maxUnlockPeriod: 2_592_000,
  maxCommission: 1000,
  minStake: NANO.toString(),
  reportTimeout: 300,
  maxProposalDuration: 604_800,
});
export type SuiteConfig = typeof SUITE_CONFIG;

/** The network's deploy key and id: config/network.dev.json (root branch) or `DDVS_NETWORK`. */
export function networkKeys(): { networkId: number; publicKey: string; secretKey?: string } {
  const file = process.env.DDVS_NETWORK ? path.resolve(REPO_ROOT, process.env.DDVS_NETWORK) : path.join(REPO_ROOT, "config", "network.dev.json");
  if (!fs.existsSync(file)) {
    if (process.env.DDVS_NETWORK) throw new Error(`no network file ${file}`);
    return { networkId: 1001, publicKey: "" }; // until config/network.dev.json lands: locklift's key 0
  }
  const j = JSON.parse(fs.readFileSync(file, "utf8"));
  return { networkId: j.networkId, publicKey: j.deployPublicKey, secretKey: j.deploySecretKey };
}

export interface DeployOptions {
  network: string;
  chains: number[];
  /** overrides of SUITE_CONFIG */
  config?: Partial<SuiteConfig>;
  /** start of term 1, unix seconds (default: now) */
  genesisTime?: number;
  /** EVER given to each elector's operating balance */
  electorValue?: bigint;
  progress?: Progress;
  /** another deploy key / networkId than the network file's (tests: several suites in one process;
   * roots cannot be deployed by such electors, their code carries the network file's hash) */
  deployKey?: { publicKey: string; secretKey: string };
  networkId?: number;
}

/** Deploys one elector per chain; returns the suite. */
export async function deploySuite(opts: DeployOptions): Promise<SuiteFile> {
  const delegated = tryDeployLibrary();
  if (delegated) return delegated(opts);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const locklift = (global as any).locklift as import("locklift").Locklift<import("../../build/factorySource").FactorySource>;
  const net = opts.deployKey ? { networkId: opts.networkId ?? 1001, ...opts.deployKey } : networkKeys();
  if (opts.networkId !== undefined) net.networkId = opts.networkId;
  if (!net.publicKey) net.publicKey = (await locklift.keystore.getSigner("0"))!.publicKey;
  if (net.secretKey) locklift.keystore.addKeyPair({ publicKey: net.publicKey, secretKey: net.secretKey });
  const code = (name: string) => fs.readFileSync(path.join(REPO_ROOT, "build", `${name}.code.boc`), "utf8").trim();
  const genesisTime = opts.genesisTime ?? Math.floor((locklift as any).clock.time / 1000);
  const chainsMap: [number, boolean][] = opts.chains.map((c) => [c, true]);
  const electors: Record<string, string> = {};
  opts.progress?.step(`deploying DElectorConfig on chains ${opts.chains.join(", ")}`);
  let i = 0;
  for (const chain of opts.chains) {
    const { contract } = await locklift.factory.deployContract({
      contract: "DElectorConfig",
      publicKey: net.publicKey,
      initParams: { _pubkey: `0x${net.publicKey}`, networkId: net.networkId } as never,
      constructorParams: {
        config: { ...SUITE_CONFIG, ...(opts.config ?? {}) },
        rootCode: code("DePoolRoot"),
        walletCode: code("DePoolWallet"),
        chains: chainsMap,
        genesisTime,
      } as never,
      value: (opts.electorValue ?? 1000n * NANO).toString(),
      workchain: chain,
    } as never);
    electors[String(chain)] = contract.address.toString();
    opts.progress?.tick(++i, opts.chains.length);
  }
  return { network: opts.network, networkId: net.networkId, chains: opts.chains, electors, deployedAt: genesisTime };
}

/** src/deploy's `deploySuiteForOps(opts)` when the root branch provides it. */
function tryDeployLibrary(): ((o: DeployOptions) => Promise<SuiteFile>) | undefined {
  const p = path.join(REPO_ROOT, "src", "deploy", "index.ts");
  if (!fs.existsSync(p)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const lib = require(p);
  return typeof lib.deploySuiteForOps === "function" ? lib.deploySuiteForOps : undefined;
}
