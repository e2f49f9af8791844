/**
 * Recovery paths of the node's storage, driven in-process through startNode():
 * a torn last record, a cascade cut in the middle, and snapshot + log rotation.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startNode, type RunningNode } from "../../../src/node/server";
import { EverWalletSigner, giverKeyPair, nodeRpc, nodeTime } from "../../../src/node/client";
import { GIVER } from "../../../src/node/defaults";
import { frame, readWal } from "../../../src/node/wal";
import type { WalRecord } from "../../../src/node/store";
import { EVER, INITIAL_SUPPLY, freshWallet, supply } from "./helpers";

describe("node: recovery from the data folder", function () {
  this.timeout(60000);
  let dir: string;
  let node: RunningNode | undefined;
  let lines: string[];
  const start = async (extra: { snapshotBytes?: number } = {}) => {
    lines = [];
    node = await startNode({ port: 0, dataDir: dir, log: l => lines.push(l), ...extra });
    return node;
  };
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-recovery-"))));
  afterEach(async () => {
    await node?.close({ snapshot: false });
    node = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function send(n: RunningNode, signer: EverWalletSigner, dest: string, value: bigint) {
    const msg = signer.transfer({ dest, value });
    await nodeRpc(n.url, "sendMessage", { message: msg.boc });
    return msg.hash;
  }

  it("cuts a torn last record and finishes a cascade that was cut after the sender's transaction", async () => {
    let n = await start();
    const giver = new EverWalletSigner(GIVER.address, giverKeyPair(), (await nodeTime(n.url)).nowMs - Date.now());
    const a = await freshWallet();
    const b = await freshWallet();
    const m1 = await send(n, giver, a.address, 5n * EVER);
    const m2 = await send(n, giver, b.address, 7n * EVER);
    await n.close({ snapshot: false });

    // drop the last record (b's incoming transaction), then leave half a frame behind
    const wal = path.join(dir, "wal.log");
    const { records } = readWal<WalRecord>(wal, 1);
    const last = records[records.length - 1];
    expect(last.k === "tx" && last.a).to.equal(b.address);
    const cut = fs.statSync(wal).size - frame(last).length;
    fs.truncateSync(wal, cut);
    fs.appendFileSync(wal, frame(last).subarray(0, 30));

    n = await start();
    expect(lines.join("\n")).to.match(/torn tail of 30 bytes/).and.match(/resuming 1 queued internal messages/);
    expect(await nodeRpc(n.url, "getDstTransaction", { messageHash: m1 })).to.be.a("string");
    expect(await nodeRpc(n.url, "getDstTransaction", { messageHash: m2 })).to.be.a("string");
    const bState = await nodeRpc<{ type: string }>(n.url, "getContractState", { address: b.address });
    expect(bState.type).to.equal("exists");
    const accounts = await nodeRpc<{ address: string; balance: string }[]>(n.url, "ddvs_listAccounts");
    expect(accounts.find(x => x.address === b.address)?.balance).to.equal((7n * EVER).toString());
    expect((await supply(n.url)).total).to.equal(INITIAL_SUPPLY);
  });

  it("snapshots and starts a new log as the log grows; restores snapshot + log", async () => {
    let n = await start({ snapshotBytes: 16 * 1024 });
    const giver = new EverWalletSigner(GIVER.address, giverKeyPair(), (await nodeTime(n.url)).nowMs - Date.now());
    const hashes: string[] = [];
    for (let i = 0; i < 25; i++) hashes.push(await send(n, giver, (await freshWallet()).address, EVER));
    await nodeRpc(n.url, "ddvs_increaseTime", { seconds: 100 });
    expect(lines.some(l => /snapshot at record/.test(l))).to.equal(true);
    expect(fs.existsSync(path.join(dir, "snapshot.json"))).to.equal(true);
    const before = await nodeRpc<Record<string, unknown>>(n.url, "ddvs_getInfo");
    const s = await supply(n.url);
    await n.close({ snapshot: false });

    n = await start();
    const after = await nodeRpc<Record<string, unknown>>(n.url, "ddvs_getInfo");
    for (const k of ["records", "lt", "accounts", "transactions", "offsetMs"]) expect(after[k], k).to.deep.equal(before[k]);
    expect(await supply(n.url)).to.deep.equal(s);
    for (const h of hashes) expect(await nodeRpc(n.url, "getDstTransaction", { messageHash: h })).to.be.a("string");
    // and it keeps going from where it was
    await send(n, giver, (await freshWallet()).address, EVER);
  });
});
