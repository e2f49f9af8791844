/**
 * src/node/polling.ts: everscale-standalone-client on jrpc waits 2000 ms before it looks
 * for a sent message's transaction; with setJrpcPendingPollMs it looks after the given
 * wait. The assertions compare against that fixed 2000 ms wait (which path the client
 * takes), not against a speed target (bench/node-throughput.ts measures speed).
 */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Address } from "everscale-inpage-provider";
import { startNode, type RunningNode } from "../../../src/node/server";
import * as nt from "nekoton-wasm";
import { connectNode, fastConfirmationsIfNode, nodeRpc, type NodeConnection } from "../../../src/node/client";
import { jrpcPendingPollMs, setJrpcPendingPollMs } from "../../../src/node/polling";

const CLIENT_WAIT_MS = 2000;

describe("node: fast confirmations for everscale-standalone-client (jrpc)", function () {
  this.timeout(60000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-node-poll-"));
  let node: RunningNode;
  let conn: NodeConnection;
  const dest = new Address("0:" + "42".repeat(32));
  const timedSend = async (amount: string) => {
    const t = performance.now();
    const { transaction } = await conn.provider.sendMessage({ sender: conn.giver, recipient: dest, amount, bounce: false });
    return { ms: performance.now() - t, transaction };
  };

  before(async () => {
    node = await startNode({ port: 0, dataDir: dir });
    conn = await connectNode(node.url);
  });
  after(async () => {
    setJrpcPendingPollMs(undefined);
    await node.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("without it the client waits its own 2 s; with it, it confirms without that wait and finds the same transaction", async () => {
    setJrpcPendingPollMs(undefined);
    const slow = await timedSend("1000");
    expect(slow.ms).to.be.at.least(CLIENT_WAIT_MS - 50);
    expect(slow.transaction.aborted).to.equal(false);

    setJrpcPendingPollMs(5);
    expect(jrpcPendingPollMs()).to.equal(5);
    for (let i = 0; i < 3; i++) {
      const fast = await timedSend(String(2000 + i));
      expect(fast.ms).to.be.below(CLIENT_WAIT_MS - 500);
      expect(fast.transaction.aborted).to.equal(false);
      expect(fast.transaction.inMessage.dst?.equals(conn.giver)).to.equal(true);
    }
    // the recipient got all four transfers
    const received = await nodeRpc<string[]>(node.url, "getTransactionsList", { account: dest.toString(), limit: 10 });
    expect(received.map(b => nt.decodeRawTransaction(b).inMessage.value).sort()).to.deep.equal(["1000", "2000", "2001", "2002"]);
  });

  it("fastConfirmationsIfNode turns it on for a ddvs node only", async () => {
    setJrpcPendingPollMs(undefined);
    expect(await fastConfirmationsIfNode("http://127.0.0.1:1/rpc")).to.equal(false);
    expect(jrpcPendingPollMs()).to.equal(undefined);
    expect(await fastConfirmationsIfNode(`${node.url}/rpc`, 7)).to.equal(true);
    expect(jrpcPendingPollMs()).to.equal(7);
  });

  it("refuses a wait below 1 ms", () => {
    expect(() => setJrpcPendingPollMs(0)).to.throw(RangeError);
    expect(() => setJrpcPendingPollMs(Number.NaN)).to.throw(RangeError);
  });
});
