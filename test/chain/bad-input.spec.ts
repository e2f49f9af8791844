/**
 * Bad-input matrix (issue 8), generated from the ABIs by src/fuzz/matrix.ts: every public
 * function of DePoolWallet, DePoolRoot and DElectorConfig × each applicable class (forged sender,
 * other network, wrong signature, expired/replayed external, truncated body, extra bits, unknown
 * function id, low value, wrong workchain, masterchain-only, repeated constructor, stray bounce).
 * Each message runs against a deployed suite (elector on −1 and 0, a nominated root, a wallet with
 * a locked stake) without committing; the row checks the exit code, that the account data is
 * unchanged, and that the value goes back when the message is refused.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { Address } from "locklift";
import { ERROR_CODE } from "../../build/errors";
import { loadAbi, ContractAbi } from "../../src/toolchain/abi";
import { generateMatrix, MATRIX_CONTRACTS, MatrixContract, MatrixRow } from "../../src/fuzz/matrix";
import { buildMatrixMessage, MatrixTargets } from "../fuzz/matrixMessages";
import { accountBoc, accountSummary, emulate } from "../../bench/lib/executor";
import { executor } from "../../src/dev/executor";
import { EVER, freshOwner, freshValidatorKey, Suite } from "../../bench/lib/suite";
import { enableSignatureChecks } from "../helpers";

const abis = Object.fromEntries(
  MATRIX_CONTRACTS.map((c) => [c, loadAbi(fs.readFileSync(path.resolve(__dirname, `../../build/${c}.abi.json`), "utf8"))]),
) as Record<MatrixContract, ContractAbi>;
const rows = generateMatrix(abis);

function codeOf(name: string): number {
  if (name === "VM9") return 9;
  const c = (ERROR_CODE as Record<string, number>)[name];
  if (c === undefined) throw new Error(`unknown error name ${name}`);
  return c;
}
function nameOf(code: number | undefined): string {
  const e = Object.entries(ERROR_CODE).find(([, v]) => v === code);
  return e ? `${e[0]} (${code})` : `exit ${code}`;
}

describe("bad-input matrix (generated from the ABIs)", function () {
  this.timeout(600_000);
  let targets: MatrixTargets;
  const setupErrors: string[] = [];

  // the suite sits at the dev network's fixed elector addresses: leave a clean network for the next spec
  after(() => executor().resetBlockchainState());

  before(async () => {
    enableSignatureChecks();
    const suite = await Suite.deploy({ chains: [-1, 0], fresh: true });
    const owner = freshOwner(0);
    const key = freshValidatorKey().publicKey;
    const [root] = await suite.deployRoots([{ chain: 0, owner, validatorKey: key }]);
    suite.queueNominate(root, suite.config.minDeposit);
    const wallet = suite.queueDeployWallet(0, owner);
    await suite.run();
    suite.queueDeposit(wallet, owner, 10n * EVER);
    await suite.run();
    suite.queueStake(wallet, owner, root.address, 2n * EVER);
    await suite.run();
    for (const [what, addr] of [["root", root.address], ["wallet", wallet]] as [string, Address][]) {
      if (!accountSummary(await accountBoc(addr)).codeHash) setupErrors.push(`${what} ${addr} not deployed`);
    }
    targets = { suite, owner, root, wallet, stranger: freshOwner(0) };
  });

  for (const row of rows) {
    it(row.title, async () => {
      const msg = await buildMatrixMessage(row, targets, abis);
      const before = accountSummary(await accountBoc(msg.dst));
      expect(before.codeHash, `target ${row.contract} ${msg.dst} is not deployed (setup: ${setupErrors.join("; ") || "ok"})`).to.not.equal(undefined);
      const res = await emulate(msg.dst, msg.boc);
      checkRow(row, res, before);
    });
  }
});

function checkRow(row: MatrixRow, res: Awaited<ReturnType<typeof emulate>>, before: ReturnType<typeof accountSummary>): void {
  const e = row.expect;
  if (!e.accepted) {
    expect(res.accepted, `external must not be accepted (got ${nameOf(res.exitCode)})`).to.equal(false);
    if (res.exitCode !== undefined && e.exit.length) expect(e.exit.map(codeOf), `exit ${nameOf(res.exitCode)}`).to.include(res.exitCode);
    return;
  }
  expect(res.accepted, "internal message produced no transaction").to.equal(true);
  const exit = res.exitCode;
  if (e.exit.includes("*")) {
    // any outcome, but never a VM error other than a named one
  } else if (e.exit.length === 0) {
    expect([0, 1], `expected success, got ${nameOf(exit)}`).to.include(exit);
  } else {
    const named = e.exit.includes("NAMED") && Object.values(ERROR_CODE).includes(exit as never);
    if (!named) expect(e.exit.filter((x) => x !== "NAMED").map(codeOf), `expected ${e.exit.join("|")}, got ${nameOf(exit)}`).to.include(exit);
  }
  const after = accountSummary(res.after);
  expect(after.dataHash, "account data changed").to.equal(before.dataHash);
  expect(after.codeHash, "account code changed").to.equal(before.codeHash);
  if (e.valueBack) expect(res.record!.outInternal, "no message carried the value back").to.be.greaterThan(0);
}
