/** Deploys stakers' DePoolWallets: through a root (`deployWallet`) or directly (StateInit + constructor). */
import { Address, Contract, toNano } from "locklift";
import type { DePoolRootAbi, DePoolWalletAbi } from "../../build/factorySource";
import { LL, walletAddress, walletStateInit } from "./codes";

/** Asks `root` to deploy the wallet of `owner` (value ≥ 0.5 EVER; the change goes to `remainingGasTo`). */
export async function deployWalletViaRoot(
  ll: LL,
  root: Contract<DePoolRootAbi>,
  networkId: number,
  owner: Address,
  opts: { from?: Address; remainingGasTo?: Address; value?: string } = {},
): Promise<Contract<DePoolWalletAbi>> {
  const from = opts.from ?? owner;
  await root.methods
    .deployWallet({ walletOwner: owner, remainingGasTo: opts.remainingGasTo ?? from } as never)
    .send({ from, amount: opts.value ?? toNano(1), bounce: true });
  const workchain = Number(root.address.toString().split(":")[0]);
  return walletAt(ll, await walletAddress(ll, networkId, owner, workchain));
}

/**
 * Deploys the wallet of `owner` directly: an internal message from `from` with the wallet's
 * StateInit and `constructor(remainingGasTo)` (anyone may do it; the constructor is idempotent).
 */
export async function deployWalletDirect(
  ll: LL,
  networkId: number,
  owner: Address,
  opts: { from?: Address; remainingGasTo?: Address; value?: string; workchain?: number } = {},
): Promise<Contract<DePoolWalletAbi>> {
  const from = opts.from ?? owner;
  const workchain = opts.workchain ?? 0;
  const address = await walletAddress(ll, networkId, owner, workchain);
  const stateInit = await walletStateInit(ll, networkId, owner, workchain);
  const { abi } = ll.factory.getContractArtifacts("DePoolWallet");
  await ll.provider.sendMessage({
    sender: from,
    recipient: address,
    amount: opts.value ?? toNano(1),
    bounce: false,
    stateInit,
    payload: { abi: JSON.stringify(abi), method: "constructor", params: { remainingGasTo: opts.remainingGasTo ?? from } as never },
  } as never);
  return walletAt(ll, address);
}

/** The typed wallet at `address`. */
export function walletAt(ll: LL, address: Address): Contract<DePoolWalletAbi> {
  return ll.factory.getDeployedContract("DePoolWallet", address);
}
