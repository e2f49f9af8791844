/** Deploys a validator's DePoolRoot through its chain's elector (`DElectorConfig.deployRoot`). */
import { Address, Contract, toNano } from "locklift";
import type { DePoolRootAbi, DElectorConfigAbi } from "../../build/factorySource";
import { LL, rootAddress } from "./codes";

/** The root's policy (docs/messages.md §3 constructor); amounts in nanoevers, periods in seconds. */
export interface RootPolicy {
  lockPeriod: number;
  unlockPeriod: number;
  commissionPerMille: number;
  minStake: bigint;
  /** maximum totalLocked; 0 = unlimited */
  capacity: bigint;
}

export const DEFAULT_POLICY: Readonly<RootPolicy> = Object.freeze({
  lockPeriod: 86_400,
  unlockPeriod: 7_200,
  commissionPerMille: 100,
  minStake: 1_000_000_000n,
  capacity: 0n,
});

export interface DeployRootOptions {
  /** the elector of the root's chain */
  elector: Contract<DElectorConfigAbi>;
  /** networkId of the elector */
  networkId: number;
  /** the future owner (an account locklift can send from) */
  owner: Address;
  /** the validator's identity key (uint256) */
  validatorKey: bigint | string;
  policy?: Partial<RootPolicy>;
  /** value of deployRoot, nanoevers; default 3 EVER (≥ 2) */
  value?: string;
}

/** Sends `deployRoot` from the owner and returns the (typed) root at its canonical address. */
export async function deployRoot(ll: LL, opts: DeployRootOptions): Promise<Contract<DePoolRootAbi>> {
  const p: RootPolicy = { ...DEFAULT_POLICY, ...(opts.policy ?? {}) };
  const workchain = Number(opts.elector.address.toString().split(":")[0]);
  await opts.elector.methods
    .deployRoot({
      validatorKey: String(opts.validatorKey),
      lockPeriod: p.lockPeriod,
      unlockPeriod: p.unlockPeriod,
      commissionPerMille: p.commissionPerMille,
      minStake: String(p.minStake),
      capacity: String(p.capacity),
    } as never)
    .send({ from: opts.owner, amount: opts.value ?? toNano(3), bounce: true });
  const address = await rootAddress(ll, opts.networkId, opts.validatorKey, opts.owner, workchain);
  return ll.factory.getDeployedContract("DePoolRoot", address);
}

/** The typed root at `address`. */
export function rootAt(ll: LL, address: Address): Contract<DePoolRootAbi> {
  return ll.factory.getDeployedContract("DePoolRoot", address);
}
