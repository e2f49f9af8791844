/**
 * `ddvs validator <deploy-root|nominate|vote|propose|set-commission>`: a validator operator's calls
 * (docs/messages.md §3–§4), signed by the `--account` EverWallet, which becomes the root's owner.
 * Values attached: each function's documented minimum plus a margin; the change comes back.
 * Amounts on the command line in EVER (`12.5`) or nanoevers (`12500000000n`).
 */
import { Command, Option } from "commander";
import { elector, root, sendChecked } from "../ops/contracts";
import { paramId, parseProposalId, PROPOSABLE } from "../ops/params";
import { networkNow } from "../ops/time";
import { keyHex } from "../ops/units";
import { EMPTY_CELL } from "../ops/demo/scenario";
import { accountSubcommand, action, addressArg, amountArg, context, kvTable, NetOpts, output, parseIntOption, keyArg, uintArg } from "./common";
import { signer } from "./signer";
import { CliError } from "./errors";

const NANO = 1_000_000_000n;
const sub = accountSubcommand;

export function validatorCommand(): Command {
  const cmd = new Command("validator").description("validator operator calls: deploy-root, nominate, vote, propose, set-commission");

  cmd.addCommand(
    sub("deploy-root", "deploy your DePoolRoot for a validator key on a workchain (DElectorConfig.deployRoot)")
      .requiredOption("--key <hex>", "validator identity key (64 hex)")
      .requiredOption("--chain <id>", "workchain of the root (not -1)", parseIntOption("--chain", 0, 127))
      .addOption(new Option("--lock <seconds>", "lock period of new stakes").default(0).argParser(parseIntOption("--lock", 0, 0xffffffff)))
      .addOption(new Option("--unlock <seconds>", "unlock period").default(7200).argParser(parseIntOption("--unlock", 0, 0xffffffff)))
      .addOption(new Option("--commission <permille>", "commission, per mille").default(100).argParser(parseIntOption("--commission", 0, 1000)))
      .addOption(new Option("--min-stake <amount>", "smallest accepted stake").default(NANO, "1").argParser(amountArg("--min-stake")))
      .addOption(new Option("--capacity <amount>", "maximum total stake (0 = unlimited)").default(0n, "0").argParser(amountArg("--capacity")))
      .action(
        action(async (o: NetOpts & { key: string; chain: number; lock: number; unlock: number; commission: number; minStake: bigint; capacity: bigint }) => {
          const key = (() => {
            try {
              return keyHex(o.key);
            } catch {
              throw new CliError(`--key: expected 64 hex chars, got ${o.key}`);
            }
          })();
          if (!/^[0-9a-f]{64}$/.test(key)) throw new CliError(`--key: expected 64 hex chars, got ${o.key}`);
          const ctx = await context(o);
          const suite = ctx.suite();
          const e = suite.electors[o.chain];
          if (!e) throw new CliError(`no elector for chain ${o.chain} in the suite`);
          const me = await signer(ctx, o, 10n);
          await sendChecked(`DElectorConfig.deployRoot on ${o.chain}`, () =>
            elector(e)
              .methods.deployRoot({ validatorKey: "0x" + key, lockPeriod: o.lock, unlockPeriod: o.unlock, commissionPerMille: o.commission, minStake: o.minStake.toString(), capacity: o.capacity.toString() })
              .send({ from: me.address, amount: (3n * NANO).toString(), bounce: true }),
          );
          const r = await elector(e).getters.getRootAddress({ validatorKey: "0x" + key, owner: me.address }).run();
          output(o, { root: r.root.toString(), owner: me.address.toString(), key }, () => kvTable([["root", r.root.toString()], ["owner", me.address.toString()], ["key", key]]));
        }),
      ),
  );

  cmd.addCommand(
    sub("nominate", "self-nominate with a deposit and a signing key (DePoolRoot.selfNominate)")
      .requiredOption("--root <address>", "your DePoolRoot", addressArg("--root"))
      .requiredOption("--deposit <amount>", "deposit added (0 = renew only)", amountArg("--deposit"))
      .requiredOption("--signing-key <hex>", "ed25519 key that signs statistics and headers", keyArg("--signing-key"))
      .addOption(new Option("--metadata <text>", "≤ 128 bytes identifying the operator").default(""))
      .action(
        action(async (o: NetOpts & { root: string; deposit: bigint; signingKey: string; metadata: string }) => {
          const ctx = await context(o);
          const dep = o.deposit;
          const me = await signer(ctx, o, dep / NANO + 10n);
          await sendChecked("DePoolRoot.selfNominate", () =>
            root(o.root).methods.selfNominate({ deposit: dep.toString(), signingKey: "0x" + keyHex(o.signingKey), metadata: Buffer.from(o.metadata).toString("base64") }).send({ from: me.address, amount: (dep + 2n * NANO).toString(), bounce: true }),
          );
          const n = await root(o.root).getters.getNomination({}).run();
          output(o, n, () => kvTable([["deposit", String(n.deposit)], ["pending deposit", String(n.pendingDeposit)], ["nomination ends (term)", String(n.nominationEnd)]]));
        }),
      ),
  );

  cmd.addCommand(
    sub("propose", "propose a config change through your root (DePoolRoot.propose)")
      .requiredOption("--root <address>", "your DePoolRoot", addressArg("--root"))
      .requiredOption("--param <name|id>", `parameter: ${PROPOSABLE.join(", ")}`)
      .requiredOption("--value <n>", "new value (amounts in nanoevers)", uintArg("--value"))
      .addOption(new Option("--expires <seconds>", "seconds from now until it aborts").default(86400).argParser(parseIntOption("--expires", 1, 0xffffffff)))
      .action(
        action(async (o: NetOpts & { root: string; param: string; value: string; expires: number }) => {
          let id: number;
          try {
            id = paramId(o.param);
          } catch (e) {
            throw new CliError((e as Error).message);
          }
          if (id >= 64) throw new CliError(`${o.param} is created by the electors, not proposable (NOT_PROPOSABLE)`);
          const ctx = await context(o);
          const chains = BigInt(ctx.suite().chains.length);
          const me = await signer(ctx, o, 10n);
          const expiresAt = networkNow(ctx.net) + Number(o.expires);
          await sendChecked("DePoolRoot.propose", () =>
            root(o.root).methods.propose({ change: { param: id, value: o.value }, payload: EMPTY_CELL, expiresAt } as never).send({ from: me.address, amount: (2n * NANO + (6n * NANO * chains) / 10n).toString(), bounce: true }),
          );
          output(o, { param: id, value: o.value, expiresAt }, () => kvTable([["param", String(id)], ["value", o.value], ["expires at", String(expiresAt)]]));
        }),
      ),
  );

  cmd.addCommand(
    sub("vote", "vote on a proposal through your root (DePoolRoot.vote)")
      .requiredOption("--root <address>", "your DePoolRoot", addressArg("--root"))
      .requiredOption("--proposal <origin:seq>", "proposal id, e.g. -1:0")
      .option("--against", "vote no (default: yes)")
      .action(
        action(async (o: NetOpts & { root: string; proposal: string; against?: boolean }) => {
          let id: { originChain: number; seq: number };
          try {
            id = parseProposalId(o.proposal);
          } catch (e) {
            throw new CliError((e as Error).message);
          }
          const ctx = await context(o);
          const me = await signer(ctx, o, 5n);
          const yes = !o.against;
          await sendChecked("DePoolRoot.vote", () => root(o.root).methods.vote({ id, yes } as never).send({ from: me.address, amount: NANO.toString(), bounce: true }));
          output(o, { ...id, yes }, () => kvTable([["proposal", `${id.originChain}:${id.seq}`], ["vote", yes ? "yes" : "no"]]));
        }),
      ),
  );

  cmd.addCommand(
    sub("set-commission", "lower your root's commission (DePoolRoot.setCommission)")
      .requiredOption("--root <address>", "your DePoolRoot", addressArg("--root"))
      .requiredOption("--commission <permille>", "new commission, per mille (strictly lower)", parseIntOption("--commission", 0, 1000))
      .action(
        action(async (o: NetOpts & { root: string; commission: number }) => {
          const ctx = await context(o);
          const me = await signer(ctx, o, 2n);
          await sendChecked("DePoolRoot.setCommission", () => root(o.root).methods.setCommission({ commissionPerMille: o.commission }).send({ from: me.address, amount: (NANO / 5n).toString(), bounce: true }));
          const p = await root(o.root).getters.getPolicy({}).run();
          output(o, p, () => kvTable([["commission (‰)", String(p.commissionPerMille)]]));
        }),
      ),
  );
  return cmd;
}
