/**
 * The flows the bad-input matrix, the fuzzer and the benchmarks build their state with
 * (docs/messages.md §6): each must complete with no failed transaction anywhere in its tree
 * (compute exit 0/1, action phase ok). A failure names the account, function id, exit and
 * action-phase code.
 */
import { expect } from "chai";
import { TxRecord } from "../../bench/lib/executor";
import { executor } from "../../src/dev/executor";
import { assertClean } from "../../bench/lib/report";
import { EVER, freshOwner, Suite } from "../../bench/lib/suite";

describe("bad-input setup flows complete cleanly", function () {
  this.timeout(120_000);
  let suite: Suite;
  const owner = freshOwner(0);
  let root: Awaited<ReturnType<Suite["deployRoots"]>>[number];
  let wallet: ReturnType<Suite["walletAddress"]>;

  const clean = (txs: TxRecord[], what: string) => {
    expect(txs.length, `${what}: no transaction`).to.be.greaterThan(0);
    assertClean(txs, what);
  };

  // the suite sits at the dev network's fixed elector addresses: leave a clean network for the next spec
  after(() => executor().resetBlockchainState());

  before(async () => {
    suite = await Suite.deploy({ chains: [-1, 0], fresh: true });
  });

  it("deployRoot → root constructor", async () => {
    const txs: TxRecord[] = [];
    const { measureTree } = await import("../../bench/lib/executor");
    txs.push(...(await measureTree(async () => suite.queueDeployRoot(0, freshOwner(0), "ab".repeat(32)))));
    clean(txs, "deployRoot");
    [root] = await suite.deployRoots([{ chain: 0 }]);
  });

  it("selfNominate → nominate → onNominated", async () => {
    clean(await suite.call(root.owner, root.address, suite.abi.root, "selfNominate", { deposit: suite.config.minDeposit, signingKey: `0x${root.validatorKey}`, metadata: "" }, suite.config.minDeposit + 2n * EVER), "selfNominate");
  });

  it("deployWallet, deposit", async () => {
    clean(await suite.call(owner, root.address, suite.abi.root, "deployWallet", { walletOwner: owner, remainingGasTo: owner }, EVER), "deployWallet");
    wallet = suite.walletAddress(0, owner);
    clean(await suite.call(owner, wallet, suite.abi.wallet, "deposit", { amount: 20n * EVER, remainingGasTo: owner }, 21n * EVER), "deposit");
  });

  it("stake → requestStake → delegate + lock", async () => {
    clean(await suite.call(owner, wallet, suite.abi.wallet, "stake", { root: root.address, amount: 10n * EVER }, (3n * EVER) / 2n), "stake");
  });

  it("unlock → revoke → revoke + unlocked", async () => {
    clean(await suite.call(owner, wallet, suite.abi.wallet, "unlock", { root: root.address, amount: 5n * EVER }, EVER), "unlock");
  });
});
