/** Accounts and balances for chain tests. */
import { Address, toNano, WalletTypes } from "locklift";
import * as nt from "nekoton-wasm";
import { networkName, nodeIncreaseTime, onEmbedded, onNode } from "./network";

export interface TestAccount {
  address: Address;
  publicKey: string;
  secretKey: string;
}

/** A fresh ed25519 key pair (hex), also added to locklift's keystore so it can sign. */
export async function freshKeys(): Promise<{ publicKey: string; secretKey: string }> {
  const kp = nt.ed25519_generateKeyPair();
  locklift.keystore.addKeyPair(kp);
  return kp;
}

/** Deploys an EverWallet funded with `evers` on `workchain`. */
export async function makeWallet(evers = 100, workchain = 0): Promise<TestAccount> {
  const keys = await freshKeys();
  const { account } = await locklift.factory.accounts.addNewAccount({
    type: WalletTypes.EverWallet,
    publicKey: keys.publicKey,
    value: toNano(evers),
    workchain,
  } as Parameters<typeof locklift.factory.accounts.addNewAccount>[0]);
  return { address: account.address, ...keys };
}

/** Balance of an account in nanoevers (0 if it does not exist). */
export async function balanceOf(address: Address): Promise<bigint> {
  return BigInt(await locklift.provider.getBalance(address));
}

/**
 * Moves the network's clock forward by `seconds` (never backwards): the embedded network's
 * clock, or on the `node` network the node's time (`ddvs_increaseTime`) with locklift's
 * clock in step. Throws on any other network (locklift would only print a warning).
 */
export async function timeTravel(seconds: number): Promise<void> {
  if (onNode()) {
    await nodeIncreaseTime(seconds);
    return;
  }
  if (!onEmbedded()) throw new Error(`timeTravel: no time control on network ${networkName()}`);
  await locklift.testing.increaseTime(seconds);
}
