/**
 * `ddvs staker <deploy-wallet|deposit|stake|unlock|withdraw|claim>`: a staker's calls
 * (docs/messages.md §2), signed by the `--account` EverWallet, which owns the DePoolWallet.
 * `--wallet` defaults to your wallet on the root's workchain (`DePoolRoot.getWalletAddress`).
 * Amounts in EVER (`12.5`) or nanoevers (`12500000000n`).
 */
import { Command } from "commander";
import type { Address, Transaction } from "locklift";
import { addr, dwallet, root, sendChecked } from "../ops/contracts";
import { formatEver } from "../ops/units";
import type { Actor } from "../ops/accounts";
import { accountSubcommand, action, addressArg, amountArg, context, kvTable, NetOpts, output } from "./common";
import { signer } from "./signer";
import { CliError } from "./errors";

const NANO = 1_000_000_000n;
const sub = accountSubcommand;
/** Parsed options: addresses checked, amounts in nanoevers (option parsers of common.ts). */
type O = NetOpts & { root?: string; wallet?: string; amount?: bigint; to?: string };

async function walletOf(o: O, me: Actor): Promise<Address> {
  if (o.wallet) return addr(o.wallet);
  if (!o.root) throw new CliError("give --wallet, or --root to use your wallet on the root's workchain");
  const wc = Number(o.root.split(":")[0]);
  return (await root(o.root).getters.getWalletAddress({ walletOwner: me.address, workchain: wc }).run()).wallet;
}

async function show(o: O, w: Address): Promise<void> {
  const d = await dwallet(w).getters.getDetails({}).run();
  const pos = o.root ? await dwallet(w).getters.getPosition({ root: addr(o.root) }).run() : undefined;
  output(o, { wallet: w.toString(), details: d, position: pos }, () =>
    kvTable([
      ["wallet", w.toString()],
      ["balance (EVER)", formatEver(BigInt(d.balance))],
      ["free (EVER)", formatEver(BigInt(d.free))],
      ["committed (EVER)", formatEver(BigInt(d.committed))],
      ...(pos
        ? ([
            ["locked (EVER)", formatEver(BigInt(pos.locked))],
            ["unlocking (EVER)", formatEver(BigInt(pos.unlocking))],
            ["release at", String(pos.releaseAt)],
          ] as [string, string][])
        : []),
    ]),
  );
}

/**
 * One owner call to the staker's DePoolWallet: signs with `--account` (needing `minEver` EVER on it),
 * finds the wallet (`--wallet` or the one on `--root`'s workchain), sends `call(wallet, me)` as the
 * named contract function (its error is printed by name), then shows the wallet.
 */
function walletCall(fn: string, minEver: bigint | ((o: O) => bigint), call: (w: Address, me: Actor, o: O) => Promise<Transaction>) {
  return action(async (o: O) => {
    const ctx = await context(o);
    const me = await signer(ctx, o, typeof minEver === "bigint" ? minEver : minEver(o));
    const w = await walletOf(o, me);
    await sendChecked(fn, () => call(w, me, o));
    await show(o, w);
  });
}

export function stakerCommand(): Command {
  const cmd = new Command("staker").description("staker calls: deploy-wallet, deposit, stake, unlock, withdraw, claim");
  cmd.addCommand(
    sub("deploy-wallet", "deploy your DePoolWallet on a root's workchain (DePoolRoot.deployWallet; safe to repeat)")
      .requiredOption("--root <address>", "any DePoolRoot of the workchain", addressArg("--root"))
      .action(
        action(async (o: O) => {
          const ctx = await context(o);
          const me = await signer(ctx, o, 5n);
          await sendChecked("DePoolRoot.deployWallet", () => root(o.root!).methods.deployWallet({ walletOwner: me.address, remainingGasTo: me.address }).send({ from: me.address, amount: NANO.toString(), bounce: true }));
          await show(o, await walletOf(o, me));
        }),
      ),
  );
  cmd.addCommand(
    sub("deposit", "put coins into your DePoolWallet (DePoolWallet.deposit)")
      .option("--wallet <address>", "your DePoolWallet", addressArg("--wallet"))
      .option("--root <address>", "…or a root of its workchain", addressArg("--root"))
      .requiredOption("--amount <amount>", "coins to deposit", amountArg("--amount"))
      .action(
        walletCall(
          "DePoolWallet.deposit",
          (o) => o.amount! / NANO + 5n,
          (w, me, o) => dwallet(w).methods.deposit({ amount: o.amount!.toString(), remainingGasTo: me.address }).send({ from: me.address, amount: (o.amount! + NANO / 10n).toString(), bounce: true }),
        ),
      ),
  );
  cmd.addCommand(
    sub("stake", "stake free coins with a root (DePoolWallet.stake)")
      .requiredOption("--root <address>", "the DePoolRoot to stake with", addressArg("--root"))
      .option("--wallet <address>", "your DePoolWallet (default: yours on the root's workchain)", addressArg("--wallet"))
      .requiredOption("--amount <amount>", "stake", amountArg("--amount"))
      .action(
        walletCall("DePoolWallet.stake", 5n, (w, me, o) =>
          dwallet(w).methods.stake({ root: addr(o.root!), amount: o.amount!.toString() }).send({ from: me.address, amount: ((3n * NANO) / 2n).toString(), bounce: true }),
        ),
      ),
  );
  cmd.addCommand(
    sub("unlock", "unlock a stake (DePoolWallet.unlock); free at releaseAt")
      .requiredOption("--root <address>", "the root the stake is locked at", addressArg("--root"))
      .option("--wallet <address>", "your DePoolWallet", addressArg("--wallet"))
      .requiredOption("--amount <amount>", "amount to unlock", amountArg("--amount"))
      .action(
        walletCall("DePoolWallet.unlock", 5n, (w, me, o) =>
          dwallet(w).methods.unlock({ root: addr(o.root!), amount: o.amount!.toString() }).send({ from: me.address, amount: ((7n * NANO) / 10n).toString(), bounce: true }),
        ),
      ),
  );
  cmd.addCommand(
    sub("withdraw", "withdraw free coins (DePoolWallet.withdraw)")
      .option("--wallet <address>", "your DePoolWallet", addressArg("--wallet"))
      .option("--root <address>", "…or a root of its workchain", addressArg("--root"))
      .requiredOption("--amount <amount>", "amount", amountArg("--amount"))
      .option("--to <address>", "destination (default: your EverWallet)", addressArg("--to"))
      .action(
        walletCall("DePoolWallet.withdraw", 2n, (w, me, o) =>
          dwallet(w).methods.withdraw({ amount: o.amount!.toString(), to: o.to ? addr(o.to) : me.address }).send({ from: me.address, amount: (NANO / 5n).toString(), bounce: true }),
        ),
      ),
  );
  cmd.addCommand(
    sub("claim", "claim your rewards from a root (DePoolWallet.claimRewards)")
      .requiredOption("--root <address>", "the root", addressArg("--root"))
      .option("--wallet <address>", "your DePoolWallet", addressArg("--wallet"))
      .action(
        action(async (o: O) => {
          const ctx = await context(o);
          const me = await signer(ctx, o, 2n);
          const w = await walletOf(o, me);
          await sendChecked("DePoolWallet.claimRewards", () => dwallet(w).methods.claimRewards({ root: addr(o.root!) }).send({ from: me.address, amount: ((7n * NANO) / 10n).toString(), bounce: true }));
          const t = await dwallet(w).getters.getTotals({}).run();
          output(o, t, () => kvTable([["rewards claimed in total (EVER)", formatEver(BigInt(t.rewards))]]));
        }),
      ),
  );
  return cmd;
}
