/**
 * Actor accounts (EverWallets) that sign DDVS calls: operators, stakers, keeper, informant.
 * An actor is a key pair (locklift keystore index, or given) and its EverWallet (workchain 0,
 * deterministic address); `ensureAccount` funds it from the network's giver when its balance is
 * below `minBalance` (development networks). Amounts are nanoevers.
 */
import type { Address } from "locklift";
import type { OpenNetwork } from "./network";

export interface Actor {
  name: string;
  address: Address;
  publicKey: string;
}

/** Key pair `index` of the network's keystore (locklift derives `keys.amount` keys from its phrase). */
export async function keystoreKey(net: OpenNetwork, index: number): Promise<{ publicKey: string }> {
  const signer = await net.locklift.keystore.getSigner(String(index));
  if (!signer) throw new Error(`no key ${index} in the keystore of network ${net.name} (locklift.config.ts keys.amount)`);
  return { publicKey: signer.publicKey };
}

/**
 * The EverWallet of `publicKey` (+ `nonce`), registered in the accounts storage so contract calls can
 * use it as `from`; topped up from the giver to `minBalance` when below it (`fund: false`: never).
 */
export async function ensureAccount(
  net: OpenNetwork,
  name: string,
  key: { publicKey: string; secretKey?: string },
  opts: { minBalance?: bigint; nonce?: number; fund?: boolean } = {},
): Promise<Actor> {
  const { locklift } = net;
  if (key.secretKey) locklift.keystore.addKeyPair({ publicKey: key.publicKey, secretKey: key.secretKey });
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { WalletTypes } = require("locklift");
  const account = await locklift.factory.accounts.addExistingAccount({ type: WalletTypes.EverWallet, publicKey: key.publicKey, nonce: opts.nonce } as never);
  const balance = BigInt(await locklift.provider.getBalance(account.address));
  const min = opts.minBalance ?? 0n;
  if (balance < min) {
    if (opts.fund === false) throw new Error(`${name} ${account.address.toString()} has ${balance} nanoevers, needs ${min}`);
    await locklift.giver.sendTo(account.address, (min - balance).toString());
  }
  return { name, address: account.address, publicKey: key.publicKey };
}

/** Balance in nanoevers (0 for a missing account). */
export async function balanceOf(net: OpenNetwork, a: Address | string): Promise<bigint> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Address: A } = require("locklift");
  return BigInt(await net.locklift.provider.getBalance(typeof a === "string" ? new A(a) : a));
}
