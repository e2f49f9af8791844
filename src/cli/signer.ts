/** The signing EverWallet of validator/staker commands (`--account N`, funded on dev networks). */
import { Actor, ensureAccount, keystoreKey } from "../ops/accounts";
import type { Ctx, NetOpts } from "./common";

const NANO = 1_000_000_000n;

/** The EverWallet of keystore key `--account`, topped up to `minEver` EVER from the giver. */
export async function signer(ctx: Ctx, opts: NetOpts, minEver: bigint): Promise<Actor> {
  const idx = Number(opts.account ?? 1);
  return ensureAccount(ctx.net, `account${idx}`, await keystoreKey(ctx.net, idx), { minBalance: minEver * NANO });
}
