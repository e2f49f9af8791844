/**
 * Issue 9 end to end: `ddvs node` as a child process, the DDVS suite deployed and driven by
 * `ddvs` commands with `--endpoint`, a staker's stake → lock → unlock → withdraw, and a
 * SIGKILL in the middle of a batch of transfers between unlock and withdraw. After a
 * restart on the same folder, every acknowledged transaction is there, the staker's
 * position is what it was, Σ balances + fees still equals the initial supply, and the
 * flow finishes (a `ddvs` command and the withdrawal after the unlock period).
 *
 * Every DDVS step is a `ddvs` command (its own process, `--endpoint`): deploy, validator
 * deploy-root, validator nominate, staker deploy-wallet, deposit, stake, unlock, deposit
 * again after the restart, withdraw after the unlock period, status. The batch of transfers
 * is raw `sendMessage` (acknowledgements are what the kill must not lose).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as nt from "nekoton-wasm";
import { Address } from "everscale-inpage-provider";
import { spawnNode, type NodeProcess } from "../../../src/node/spawn";
import { connectNode, EverWalletSigner, giverKeyPair, increaseTime, nodeRpc, nodeTime, type NodeConnection } from "../../../src/node/client";
import { GIVER } from "../../../src/node/defaults";
import { ddvs, devAccount } from "./ddvs";
import { transferLoad } from "./load";
import { EVER, INITIAL_SUPPLY, freshWallet, supply } from "./helpers";

const BUILD = path.resolve(__dirname, "../../../build");
const abi = (name: string) => fs.readFileSync(path.join(BUILD, `${name}.abi.json`), "utf8");
const STAKER = 2; // --account of the staker (the validator is --account 1, the default)

/** A DePoolWallet's free balance also pays its storage fees (nanoevers a day): compare with this slack. */
const STORAGE_SLACK = EVER / 1000n;
const near = (actual: bigint, expected: bigint, what: string) =>
  expect(actual <= expected && actual > expected - STORAGE_SLACK, `${what}: ${actual} is not ${expected} less storage fees`).to.equal(true);

type Position = { pending: string; locked: string; lockUntil: string; unlockPeriod: string; revoking: string; unlocking: string; releaseAt: string };

describe("node: end to end — ddvs commands, stake → lock → unlock → withdraw, SIGKILL mid-batch, restart", function () {
  this.timeout(600_000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-e2e-"));
  const data = path.join(root, "data");
  const suite = path.join(root, "suite.json");
  const nodes: NodeProcess[] = [];
  after(async () => {
    for (const n of nodes) await n.stop("SIGKILL");
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("keeps every acknowledged transaction and the staker's position across kill -9, conserves balances, and finishes the flow", async () => {
    let node = await spawnNode(["--port", "0", "--data", data, "--quiet"]);
    nodes.push(node);
    const port = node.port;
    const endpoint = `${node.url}/rpc`;
    const net = { endpoint, suite };

    // ---- the suite and a validator's root, through ddvs ----
    const deployed = (await ddvs(["deploy"], net)).json;
    expect(Object.keys(deployed.electors).sort()).to.deep.equal(["-1", "0", "1", "2"]);
    const rootKey = nt.ed25519_generateKeyPair().publicKey;
    const { root: rootAddr } = (await ddvs(["validator", "deploy-root", "--key", rootKey, "--chain", "0"], net)).json;
    expect(rootAddr).to.match(/^0:[0-9a-f]{64}$/);
    const nomination = (await ddvs(["validator", "nominate", "--root", rootAddr, "--deposit", "10000", "--signing-key", nt.ed25519_generateKeyPair().publicKey], net)).json;
    expect(nomination.deposit).to.equal((10_000n * EVER).toString());

    // ---- the staker's DePoolWallet with 100 EVER free, through ddvs ----
    const account = ["--account", String(STAKER)];
    const made = (await ddvs(["staker", "deploy-wallet", "--root", rootAddr, ...account], net)).json;
    const walletAddr: string = made.wallet;
    const deposited = (await ddvs(["staker", "deposit", "--root", rootAddr, "--amount", "100", ...account], net)).json;
    expect(deposited.wallet).to.equal(walletAddr);
    near(BigInt(deposited.details.free), 100n * EVER, "free after deposit");

    let conn: NodeConnection = await connectNode(endpoint, { pendingPollMs: 5 });
    const staker = await devAccount(STAKER);
    const walletAbi = abi("DePoolWallet");
    const position = async (): Promise<Position> => {
      const w = new conn.provider.Contract(JSON.parse(walletAbi), new Address(walletAddr)) as any;
      return (await w.getters.getPosition({ root: new Address(rootAddr) }).run()) as Position;
    };
    const details = async (): Promise<{ free: string; committed: string }> => {
      const w = new conn.provider.Contract(JSON.parse(walletAbi), new Address(walletAddr)) as any;
      return w.getters.getDetails({}).run();
    };
    // ---- stake → lock (the root's reply) → unlock ----
    await ddvs(["staker", "stake", "--root", rootAddr, "--amount", "50", ...account], net);
    const locked = await position();
    expect(locked.locked).to.equal((50n * EVER).toString());
    expect(locked.pending).to.equal("0");
    await ddvs(["staker", "unlock", "--root", rootAddr, "--amount", "20", ...account], net);
    const unlocking = await position();
    expect(unlocking.locked).to.equal((30n * EVER).toString());
    expect(unlocking.unlocking).to.equal((20n * EVER).toString());
    const releaseAt = Number(unlocking.releaseAt);
    expect(releaseAt).to.be.greaterThan((await nodeTime(endpoint)).now);

    // ---- a batch of transfers; SIGKILL while it runs ----
    const giver = new EverWalletSigner(GIVER.address, giverKeyPair(), (await nodeTime(endpoint)).nowMs - Date.now());
    const senders = await Promise.all([0, 1, 2, 3].map(freshWallet));
    for (const s of senders) {
      await nodeRpc(endpoint, "sendMessage", { message: giver.transfer({ dest: s.address, value: 50n * EVER }).boc });
      conn.keystore.addKeyPair(s.keys);
      conn.accountsStorage.addAccount(s.account);
    }
    const sink = await freshWallet();
    // first transfer from each sender deploys its EverWallet (through the client)
    await Promise.all(senders.map(s => conn.provider.sendMessage({ sender: s.account.address, recipient: sink.account.address, amount: "1000000", bounce: false })));
    const load = transferLoad(
      endpoint,
      senders.map(s => ({ address: s.address, keys: s.keys })),
      sink.address,
      { offsetMs: (await nodeTime(endpoint)).nowMs - Date.now() },
    );
    await load.ackedAtLeast(100);
    await node.stop("SIGKILL");
    load.stop();
    await load.done;
    expect(load.acked.length).to.be.at.least(100);

    // ---- restart on the same port and folder ----
    node = await spawnNode(["--port", String(port), "--data", data, "--quiet"]);
    nodes.push(node);
    conn = await connectNode(endpoint, { pendingPollMs: 5 });
    for (const h of load.acked) {
      const boc = await nodeRpc<string | null>(endpoint, "getDstTransaction", { messageHash: h });
      expect(boc, `acknowledged message ${h}`).to.be.a("string");
      const tx = nt.decodeRawTransaction(boc!);
      expect(tx.description.aborted).to.equal(false);
      // its cascade too: the transfer reached the sink
      const out = tx.outMessages.find(m => m.dst === sink.address)!;
      expect(await nodeRpc(endpoint, "getDstTransaction", { messageHash: out.hash }), `transfer ${h} at the sink`).to.be.a("string");
    }
    expect(await position()).to.deep.equal(unlocking);
    const afterRestart = await supply(endpoint);
    expect(afterRestart.total).to.equal(INITIAL_SUPPLY);

    // ---- the flow goes on: a ddvs command on the restarted node, then withdraw after the unlock period ----
    const more = (await ddvs(["staker", "deposit", "--root", rootAddr, "--amount", "10", ...account], net)).json;
    near(BigInt(more.details.free), BigInt(deposited.details.free) - 50n * EVER + 10n * EVER, "free after the second deposit");
    const now = (await nodeTime(endpoint)).now;
    await increaseTime(endpoint, releaseAt - now + 1, conn.clock);
    // to the staker's own EverWallet (the command's default destination)
    await ddvs(["staker", "withdraw", "--root", rootAddr, "--amount", "70", ...account], net);
    const released = await position();
    expect(released.unlocking).to.equal("0");
    expect(released.locked).to.equal((30n * EVER).toString());
    // the 20 EVER released at releaseAt became free, and 70 left for `to`
    near(BigInt((await details()).free), BigInt(more.details.free) + 20n * EVER - 70n * EVER, "free after withdraw");
    const latest = await nodeRpc<string[]>(endpoint, "getTransactionsList", { account: staker.address, limit: 10 });
    const arrived = latest.map(b => nt.decodeRawTransaction(b)).find(t => t.inMessage.src === walletAddr)!;
    expect(arrived, "the withdrawal at the staker's EverWallet").to.not.equal(undefined);
    const got = BigInt(arrived.inMessage.value!);
    expect(got >= 70n * EVER && got < 71n * EVER, `withdrawn amount + change: ${got}`).to.equal(true);

    const end = await supply(endpoint);
    expect(end.total).to.equal(INITIAL_SUPPLY);
    const status = await ddvs(["status"], net);
    expect(status.code).to.equal(0);
  });
});
