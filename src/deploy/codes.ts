/** Code cells and addresses of the canonical DDVS contracts, from the build artifacts (`npm run build`). */
import type { Locklift } from "locklift";
import { Address } from "locklift";
import type { FactorySource } from "../../build/factorySource";

export type LL = Locklift<FactorySource>;

/** Code cell (base64 BOC) of a built contract. */
export function codeOf(ll: LL, name: keyof FactorySource): string {
  return ll.factory.getContractArtifacts(name).code;
}

/** Code hash (hex) of a built contract. */
export function codeHashOf(ll: LL, name: keyof FactorySource): string {
  return ll.factory.getContractArtifacts(name).codeHash;
}

const ZERO_KEY = "0".repeat(64);

/** Address of the canonical DePoolWallet of `owner` in `workchain` (`_pubkey = 0`). */
export async function walletAddress(ll: LL, networkId: number, owner: Address, workchain = 0): Promise<Address> {
  const { tvc, abi } = ll.factory.getContractArtifacts("DePoolWallet");
  return ll.provider.getExpectedAddress(abi, { tvc, workchain, publicKey: ZERO_KEY, initParams: { _pubkey: 0, networkId, owner } } as never);
}

/** Address of the canonical DePoolRoot of `(validatorKey, owner)` in `workchain` (`_pubkey = 0`). */
export async function rootAddress(ll: LL, networkId: number, validatorKey: bigint | string, owner: Address, workchain = 0): Promise<Address> {
  const { tvc, abi } = ll.factory.getContractArtifacts("DePoolRoot");
  return ll.provider.getExpectedAddress(abi, {
    tvc,
    workchain,
    publicKey: ZERO_KEY,
    initParams: { _pubkey: 0, networkId, validatorKey: String(validatorKey), owner },
  } as never);
}

/** Address of the network's elector on `chain` (`_pubkey` = deploy key). */
export async function electorAddress(ll: LL, networkId: number, deployPublicKey: string, chain: number): Promise<Address> {
  const { tvc, abi } = ll.factory.getContractArtifacts("DElectorConfig");
  return ll.provider.getExpectedAddress(abi, { tvc, workchain: chain, publicKey: deployPublicKey, initParams: { _pubkey: `0x${deployPublicKey}`, networkId } } as never);
}

/** StateInit (base64 BOC) of the canonical DePoolWallet of `owner`, for a direct deployment. */
export async function walletStateInit(ll: LL, networkId: number, owner: Address, workchain = 0): Promise<string> {
  const { tvc, abi } = ll.factory.getContractArtifacts("DePoolWallet");
  const r = await ll.provider.getStateInit(abi, { tvc, workchain, publicKey: ZERO_KEY, initParams: { _pubkey: 0, networkId, owner } } as never);
  return r.stateInit;
}
