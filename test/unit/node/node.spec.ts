/**
 * `ddvs node` as a child process: JSON-RPC, errors, time, transfers through
 * everscale-standalone-client's jrpc connection, and crash recovery after SIGKILL.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as nt from "nekoton-wasm";
import { Address } from "everscale-inpage-provider";
import { spawnNode, NodeSpawnError, type NodeProcess } from "../../../src/node/spawn";
import {
  connectNode,
  EverWalletSigner,
  giverKeyPair,
  increaseTime,
  nodeRpc,
  nodeTime,
  NodeRpcError,
  type NodeConnection,
} from "../../../src/node/client";
import { GIVER } from "../../../src/node/defaults";
import { frame } from "../../../src/node/wal";
import { EVER, INITIAL_SUPPLY, freshWallet, post, supply } from "./helpers";

describe("node: `ddvs node` as a child process", function () {
  this.timeout(120000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-node-test-"));
  const started: NodeProcess[] = [];
  const start = async (args: string[]) => {
    const n = await spawnNode(["--quiet", ...args]);
    started.push(n);
    return n;
  };
  after(async () => {
    for (const n of started) await n.stop("SIGKILL");
    fs.rmSync(root, { recursive: true, force: true });
  });

  describe("one node: RPC, errors, transfers, time", () => {
    const data = path.join(root, "a");
    let node: NodeProcess;
    let conn: NodeConnection;
    before(async () => {
      node = await start(["--port", "0", "--data", data]);
      conn = await connectNode(node.url);
    });

    it("answers JSON-RPC; an unknown method or a bad body is a JSON-RPC error and the node keeps serving", async () => {
      const caps = await nodeRpc<string[]>(node.url, "getCapabilities");
      expect(caps).to.include.members(["getContractState", "sendMessage", "getTransactionsList", "getBlockchainConfig", "ddvs_increaseTime"]);
      const unknown = await post(node.url, JSON.stringify({ jsonrpc: "2.0", id: 7, method: "noSuchMethod", params: {} }));
      expect(unknown.json).to.deep.equal({ jsonrpc: "2.0", id: 7, error: { code: -32601, message: 'unknown method "noSuchMethod"' } });
      expect((await post(node.url, "{broken")).json.error.code).to.equal(-32700);
      expect((await post(node.url, JSON.stringify({ id: 1, params: {} }))).json.error.code).to.equal(-32600);
      const badParams = await post(node.url, JSON.stringify({ jsonrpc: "2.0", id: 2, method: "getContractState", params: { address: "nope" } }));
      expect(badParams.json.error.code).to.equal(-32602);
      const badBoc = await post(node.url, JSON.stringify({ jsonrpc: "2.0", id: 3, method: "sendMessage", params: { message: "bm90IGEgYm9j" } }));
      expect(badBoc.json.error.code).to.equal(-32003);
      const giver = await nodeRpc<any>(node.url, "getContractState", { address: GIVER.address });
      expect(giver.type).to.equal("exists");
      expect(giver.lastTransactionId.isExact).to.equal(true);
      const cfg = await nodeRpc<any>(node.url, "getBlockchainConfig");
      expect(cfg.globalId).to.equal(42);
      expect(cfg.config).to.be.a("string");
      const info = await nodeRpc<any>(node.url, "ddvs_getInfo");
      expect(info.chains).to.deep.equal([-1, 0, 1, 2]);
    });

    it("refuses a second node on the same port, and on the same data folder, with clear errors", async () => {
      const other = path.join(root, "other");
      const portInUse = await spawnNode(["--port", String(node.port), "--data", other]).catch(e => e);
      expect(portInUse).to.be.instanceOf(NodeSpawnError);
      expect((portInUse as NodeSpawnError).stderr).to.match(new RegExp(`port ${node.port} on 127\\.0\\.0\\.1 is already in use`));
      expect((portInUse as NodeSpawnError).code).to.equal(1);
      const dataInUse = await spawnNode(["--port", "0", "--data", data]).catch(e => e);
      expect((dataInUse as NodeSpawnError).stderr).to.match(/is in use by another ddvs node/);
      expect(await nodeRpc(node.url, "getStatus")).to.deep.equal({ ready: true });
    });

    it("runs transfers from the giver and between EverWallets through everscale-standalone-client (jrpc)", async () => {
      const a = await freshWallet();
      const b = await freshWallet();
      conn.keystore.addKeyPair(a.keys);
      conn.accountsStorage.addAccount(a.account);
      const { transaction: t1 } = await conn.provider.sendMessage({
        sender: conn.giver,
        recipient: a.account.address,
        amount: (10n * EVER).toString(),
        bounce: false,
      });
      expect(t1.aborted).to.equal(false);
      expect(await conn.provider.getBalance(a.account.address)).to.equal((10n * EVER).toString());
      // a's first transfer deploys it (state init) and pays b
      const { transaction: t2 } = await conn.provider.sendMessage({
        sender: a.account.address,
        recipient: b.account.address,
        amount: (3n * EVER).toString(),
        bounce: false,
      });
      expect(t2.aborted).to.equal(false);
      expect(await conn.provider.getBalance(b.account.address)).to.equal((3n * EVER).toString());
      const state = await conn.provider.getFullContractState({ address: a.account.address });
      expect(state.state?.isDeployed).to.equal(true);
      const tx = await nodeRpc<string>(node.url, "getTransaction", { id: t2.id.hash });
      expect(nt.decodeRawTransaction(tx).hash).to.equal(t2.id.hash);
      const s = await supply(node.url);
      expect(s.total).to.equal(INITIAL_SUPPLY);
    });

    it("routes value to the masterchain and to workchains 1 and 2 (raw sendMessage)", async () => {
      const giver = new EverWalletSigner(GIVER.address, giverKeyPair(), (await nodeTime(node.url)).nowMs - Date.now());
      for (const wc of [-1, 1, 2]) {
        const dest = `${wc}:${"5a".repeat(32)}`;
        const msg = giver.transfer({ dest, value: 2n * EVER });
        expect(await nodeRpc(node.url, "sendMessage", { message: msg.boc })).to.equal(null);
        const accounts = await nodeRpc<{ address: string; balance: string }[]>(node.url, "ddvs_listAccounts");
        expect(accounts.find(a => a.address === dest)?.balance, `workchain ${wc}`).to.equal((2n * EVER).toString());
      }
    });

    it("moves time forward only, and the provider's clock follows", async () => {
      const before = await nodeTime(node.url);
      const after = await increaseTime(node.url, 3600, conn.clock);
      expect(after.offsetMs - before.offsetMs).to.equal(3600_000);
      expect(after.now).to.be.gte(before.now + 3600);
      const back = await nodeRpc(node.url, "ddvs_increaseTime", { seconds: -5 }).catch(e => e);
      expect(back).to.be.instanceOf(NodeRpcError);
      expect((back as NodeRpcError).code).to.equal(-32602);
      // messages signed with the synced clock are still accepted one hour later
      const c = await freshWallet();
      const { transaction } = await conn.provider.sendMessage({ sender: conn.giver, recipient: c.account.address, amount: "1000000000", bounce: false });
      expect(transaction.createdAt).to.be.gte(after.now);
    });

    it("keeps the time offset and all state across a clean restart", async () => {
      const t = await nodeTime(node.url);
      const s = await supply(node.url);
      expect((await node.stop("SIGTERM")).code).to.equal(0);
      expect(fs.existsSync(path.join(data, "snapshot.json"))).to.equal(true);
      node = await start(["--port", "0", "--data", data]);
      const t2 = await nodeTime(node.url);
      expect(t2.offsetMs).to.equal(t.offsetMs);
      expect(t2.now).to.be.gte(t.now);
      const s2 = await supply(node.url);
      expect(s2).to.deep.equal(s);
    });

    it("refuses a data folder written by a newer format, without touching it; --reset starts over", async () => {
      await node.stop("SIGTERM");
      const metaFile = path.join(data, "node.json");
      const meta = JSON.parse(fs.readFileSync(metaFile, "utf8"));
      const text = JSON.stringify({ ...meta, version: meta.version + 1 });
      fs.writeFileSync(metaFile, text);
      const refused = await spawnNode(["--port", "0", "--data", data]).catch(e => e);
      expect((refused as NodeSpawnError).stderr).to.match(/newer ddvs node.*refusing to open it/);
      expect(fs.readFileSync(metaFile, "utf8")).to.equal(text);
      const fresh = await start(["--port", "0", "--data", data, "--reset"]);
      const info = await nodeRpc<any>(fresh.url, "ddvs_getInfo");
      expect(info.transactions).to.equal(0);
      expect(info.offsetMs).to.equal(0);
      await fresh.stop();
    });
  });

  describe("crash: SIGKILL in the middle of a batch of transfers", () => {
    it("loses no acknowledged transaction and conserves balances", async () => {
      const data = path.join(root, "crash");
      let node = await start(["--port", "0", "--data", data]);
      const port = node.port;
      const conn = await connectNode(node.url, { message: { retryCount: 1, timeout: 30 } });
      await increaseTime(node.url, 600, conn.clock);
      const offset = (await nodeTime(node.url)).nowMs - Date.now();

      // raw senders: wallets funded by the giver, deployed by their first transfer (client)
      const giverRaw = new EverWalletSigner(GIVER.address, giverKeyPair(), offset);
      const wallets = await Promise.all([0, 1, 2, 3].map(freshWallet));
      for (const w of wallets) {
        await nodeRpc(node.url, "sendMessage", { message: giverRaw.transfer({ dest: w.address, value: 100n * EVER }).boc });
        conn.keystore.addKeyPair(w.keys);
        conn.accountsStorage.addAccount(w.account);
      }
      const sink = await freshWallet();
      await Promise.all(
        wallets.map(w => conn.provider.sendMessage({ sender: w.account.address, recipient: sink.account.address, amount: "1000000", bounce: false })),
      );

      // the batch: raw sendMessage loops from the wallets + client transfers from the giver
      const ackedMessages: string[] = []; // raw: sendMessage answered
      const ackedTransactions: string[] = []; // client: transaction seen through the provider
      const unacked: string[] = [];
      let killed = false;
      const raw = wallets.map(async w => {
        const signer = new EverWalletSigner(w.address, w.keys, offset);
        while (!killed) {
          const msg = signer.transfer({ dest: sink.address, value: 1_000_000n });
          try {
            await nodeRpc(node.url, "sendMessage", { message: msg.boc });
            ackedMessages.push(msg.hash);
          } catch {
            unacked.push(msg.hash);
            return;
          }
        }
      });
      const recipients = await Promise.all([0, 1, 2, 3, 4, 5].map(freshWallet));
      const client = (async () => {
        const pending: Promise<unknown>[] = [];
        for (const r of recipients) {
          if (killed) break;
          pending.push(
            conn.provider
              .sendMessage({ sender: conn.giver, recipient: r.account.address, amount: (2n * EVER).toString(), bounce: false })
              .then(({ transaction }) => ackedTransactions.push(transaction.id.hash))
              .catch(() => undefined),
          );
          await new Promise(res => setTimeout(res, 150));
        }
        return Promise.all(pending);
      })();

      // kill once the load is well under way
      while (ackedMessages.length < 150) await new Promise(res => setTimeout(res, 5));
      const killedNode = node;
      killed = true;
      await killedNode.stop("SIGKILL");
      await Promise.all(raw);
      expect(ackedMessages.length).to.be.gte(150);

      // as if the kill had also torn a write in half: a partial frame at the end of the log
      fs.appendFileSync(path.join(data, "wal.log"), frame({ s: 1e9, k: "time", off: 1e12 }).subarray(0, 21));

      // restart on the same port and folder: the client's pending work reconnects
      node = await spawnNode(["--port", String(port), "--data", data]);
      started.push(node);
      for (let i = 0; i < 100 && !/torn tail/.test(node.stderr()); i++) await new Promise(res => setTimeout(res, 20));
      expect(node.stderr()).to.match(/torn tail of 21 bytes/);
      await client;
      expect(ackedTransactions.length).to.be.greaterThan(0);
      expect((await nodeTime(node.url)).offsetMs).to.equal(600_000);

      for (const h of ackedMessages) {
        const tx = await nodeRpc<string | null>(node.url, "getDstTransaction", { messageHash: h });
        expect(tx, `acknowledged message ${h}`).to.be.a("string");
        expect(nt.decodeRawTransaction(tx!).description.aborted).to.equal(false);
      }
      for (const h of ackedTransactions) {
        expect(await nodeRpc(node.url, "getTransaction", { id: h }), `acknowledged transaction ${h}`).to.be.a("string");
      }
      // every acknowledged transfer reached the sink too: its cascade was committed with it
      const sinkTxs = await nodeRpc<string[]>(node.url, "getTransactionsList", { account: sink.address, limit: 255 });
      expect(sinkTxs.length).to.be.gte(Math.min(255, ackedMessages.length + wallets.length));
      const s = await supply(node.url);
      expect(s.total).to.equal(INITIAL_SUPPLY);
      const info = await nodeRpc<any>(node.url, "ddvs_getInfo");
      expect(info.transactions).to.equal(s.transactions);

      // and the restarted node keeps working
      const after = await freshWallet();
      const { transaction } = await conn.provider.sendMessage({ sender: conn.giver, recipient: new Address(after.address), amount: "1000000000", bounce: false });
      expect(transaction.aborted).to.equal(false);
      await node.stop("SIGTERM");
    });
  });
});
