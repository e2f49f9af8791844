/**
 * The node's test-support RPC: ddvs_emulateMessage (dry run, nothing committed), signature
 * checks (ddvs_setSignatureChecks, --check-signatures / checkSignatures), and
 * ddvs_sendInternalMessage (an internal message from any sender, executed and persisted).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as nt from "nekoton-wasm";
import { startNode, type RunningNode } from "../../../src/node/server";
import { EverWalletSigner, giverKeyPair, nodeRpc, NodeRpcError } from "../../../src/node/client";
import { GIVER } from "../../../src/node/defaults";
import { EVER, freshWallet } from "./helpers";

type Emulation = { accepted: boolean; exitCode?: number | null; aborted: boolean; transaction?: string };
type Info = { transactions: number; signatureChecks: boolean };

/** Values of the internal messages an account has received, oldest first. */
async function received(url: string, address: string): Promise<string[]> {
  const list = await nodeRpc<string[]>(url, "getTransactionsList", { account: address, limit: 100 });
  return list.map(b => nt.decodeRawTransaction(b).inMessage.value).reverse();
}

async function balance(url: string, address: string): Promise<bigint> {
  const accounts = await nodeRpc<{ address: string; balance: string }[]>(url, "ddvs_listAccounts");
  return BigInt(accounts.find(a => a.address === address)?.balance ?? "0");
}

describe("node: emulation and signature checks", function () {
  this.timeout(60000);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-node-emu-"));
  const nodes: RunningNode[] = [];
  const open = async (name: string, checkSignatures?: boolean) => {
    const n = await startNode({ port: 0, dataDir: path.join(root, name), checkSignatures });
    nodes.push(n);
    return n;
  };
  after(async () => {
    for (const n of nodes) await n.close();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const giverWithKey = (secretKey: string) => new EverWalletSigner(GIVER.address, { publicKey: GIVER.publicKey, secretKey });
  const otherSecret = () => nt.ed25519_generateKeyPair().secretKey;

  it("emulates a transfer without committing it: same answer as the real send, no state change", async () => {
    const node = await open("emu");
    const dest = (await freshWallet()).address;
    const msg = new EverWalletSigner(GIVER.address, giverKeyPair()).transfer({ dest, value: 3n * EVER });
    const before = await nodeRpc<Info>(node.url, "ddvs_getInfo");
    const giverBefore = await balance(node.url, GIVER.address);

    const r = await nodeRpc<Emulation>(node.url, "ddvs_emulateMessage", { message: msg.boc });
    expect(r.accepted).to.equal(true);
    expect(r.aborted).to.equal(false);
    expect(r.exitCode).to.equal(0);
    const wouldBe = nt.decodeRawTransaction(r.transaction!);
    expect(wouldBe.inMessage.hash).to.equal(msg.hash);

    const after = await nodeRpc<Info>(node.url, "ddvs_getInfo");
    expect(after.transactions).to.equal(before.transactions);
    expect(await balance(node.url, GIVER.address)).to.equal(giverBefore);
    expect(await nodeRpc(node.url, "getDstTransaction", { messageHash: msg.hash })).to.equal(null);

    await nodeRpc(node.url, "sendMessage", { message: msg.boc });
    expect(await received(node.url, dest)).to.deep.equal([String(3n * EVER)]);
    // the same message again: the wallet's replay protection refuses it, and emulation says so
    const replay = await nodeRpc<Emulation>(node.url, "ddvs_emulateMessage", { message: msg.boc });
    expect(replay.accepted).to.equal(false);
    expect(replay.exitCode).to.be.a("number").and.not.equal(0);
  });

  it("emulation checks signatures by default, and not when asked not to", async () => {
    const node = await open("sig-emu");
    const forged = giverWithKey(otherSecret()).transfer({ dest: (await freshWallet()).address, value: EVER });
    const checked = await nodeRpc<Emulation>(node.url, "ddvs_emulateMessage", { message: forged.boc });
    expect(checked.accepted).to.equal(false);
    const unchecked = await nodeRpc<Emulation>(node.url, "ddvs_emulateMessage", { message: forged.boc, checkSignatures: false });
    expect(unchecked.accepted).to.equal(true);
  });

  it("signature checks are off by default (as in the embedded network) and can be turned on and off", async () => {
    const node = await open("sig-toggle");
    const dest = (await freshWallet()).address;
    expect((await nodeRpc<Info>(node.url, "ddvs_getInfo")).signatureChecks).to.equal(false);
    // off: a forged signature passes
    await nodeRpc(node.url, "sendMessage", { message: giverWithKey(otherSecret()).transfer({ dest, value: EVER }).boc });
    expect(await received(node.url, dest)).to.deep.equal([String(EVER)]);
    // on: the same kind of message is not accepted; a correctly signed one is
    expect(await nodeRpc(node.url, "ddvs_setSignatureChecks", { enabled: true })).to.deep.equal({ enabled: true });
    const forged = giverWithKey(otherSecret()).transfer({ dest, value: EVER });
    await nodeRpc(node.url, "sendMessage", { message: forged.boc });
    expect(await nodeRpc(node.url, "getDstTransaction", { messageHash: forged.hash })).to.equal(null);
    expect(await received(node.url, dest)).to.deep.equal([String(EVER)]);
    await nodeRpc(node.url, "sendMessage", { message: new EverWalletSigner(GIVER.address, giverKeyPair()).transfer({ dest, value: 2n * EVER }).boc });
    expect(await received(node.url, dest)).to.deep.equal([String(EVER), String(2n * EVER)]);
    expect((await nodeRpc<Info>(node.url, "ddvs_getInfo")).signatureChecks).to.equal(true);
    expect(await nodeRpc(node.url, "ddvs_setSignatureChecks", { enabled: false })).to.deep.equal({ enabled: false });
  });

  it("executes an injected internal message (forged sender) with its cascade, durably; refuses externals there", async () => {
    const node = await open("internal");
    const dest = (await freshWallet()).address;
    const forgedSender = "0:" + "77".repeat(32);
    const boc = nt.encodeInternalMessage(forgedSender, dest, false, undefined, undefined, String(5n * EVER));
    const hash = nt.parseMessageBase64Extended(boc).hash;
    expect(await nodeRpc(node.url, "ddvs_sendInternalMessage", { message: boc })).to.equal(null);
    const tx = nt.decodeRawTransaction((await nodeRpc<string>(node.url, "getDstTransaction", { messageHash: hash }))!);
    expect(tx.inMessage.src).to.equal(forgedSender);
    expect(await received(node.url, dest)).to.deep.equal([String(5n * EVER)]);

    const external = new EverWalletSigner(GIVER.address, giverKeyPair()).transfer({ dest, value: EVER });
    const code = await nodeRpc(node.url, "ddvs_sendInternalMessage", { message: external.boc }).then(() => 0, (e: NodeRpcError) => e.code);
    expect(code).to.equal(-32602);
    const viaSend = await nodeRpc(node.url, "sendMessage", { message: boc }).then(() => 0, (e: NodeRpcError) => e.code);
    expect(viaSend).to.equal(-32602);

    // it is in the log: a restart on the folder still has it
    await node.close();
    nodes.splice(nodes.indexOf(node), 1);
    const again = await startNode({ port: 0, dataDir: path.join(root, "internal") });
    nodes.push(again);
    expect(await nodeRpc(again.url, "getDstTransaction", { messageHash: hash })).to.equal(tx.boc);
  });

  it("checkSignatures at start turns them on; bad params and BOCs are JSON-RPC errors", async () => {
    const node = await open("sig-start", true);
    expect((await nodeRpc<Info>(node.url, "ddvs_getInfo")).signatureChecks).to.equal(true);
    const forged = giverWithKey(otherSecret()).transfer({ dest: (await freshWallet()).address, value: EVER });
    await nodeRpc(node.url, "sendMessage", { message: forged.boc });
    expect(await nodeRpc(node.url, "getDstTransaction", { messageHash: forged.hash })).to.equal(null);

    const code = (p: Promise<unknown>) => p.then(() => undefined, (e: NodeRpcError) => e.code);
    expect(await code(nodeRpc(node.url, "ddvs_setSignatureChecks", { enabled: "yes" }))).to.equal(-32602);
    expect(await code(nodeRpc(node.url, "ddvs_emulateMessage", {}))).to.equal(-32602);
    expect(await code(nodeRpc(node.url, "ddvs_emulateMessage", { message: "bm90IGEgYm9j" }))).to.equal(-32003);
  });
});
