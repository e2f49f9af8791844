/**
 * Throughput of `ddvs node` through its JSON-RPC endpoint.
 *
 *   npm run bench:node [-- --transfers 2000] [--wallets 16] [--client-seconds 10] [--poll-ms 5]
 *
 * Starts a node as a child process on a temporary data folder, funds and deploys
 * `--wallets` EverWallets from the giver, then:
 *   1. rpc:    each wallet sends signed EverWallet transfers back to back through raw
 *              `sendMessage` calls (one in flight per wallet, as its replay protection
 *              needs); every acknowledgement means "executed and fsynced". Each transfer is
 *              two transactions (the wallet's and the recipient's).
 *   2. client: the same through everscale-standalone-client's `jrpc` connection
 *              (ProviderRpcClient.sendMessage, what locklift and the CLI use: it waits for
 *              the transaction by polling the sender), with the pending-message wait cut to
 *              `--poll-ms` (src/node/polling.ts; `--poll-ms 0` keeps the client's own 2 s).
 * Prints transfers/s and transactions/s for both and checks the target on the node's RPC
 * (raw sendMessage): at least TARGET_TPS (100) transactions/s; exit code 1 when missed. The
 * client path is reported for comparison (it adds the client's own work per message).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as nt from "nekoton-wasm";
import { Address } from "everscale-inpage-provider";
import { spawnNode } from "../src/node/spawn";
import { connectNode, EverWalletSigner, giverKeyPair, nodeRpc, nodeTime, standalone } from "../src/node/client";
import { GIVER } from "../src/node/defaults";
import { setJrpcPendingPollMs } from "../src/node/polling";

/** Transactions per second the node must sustain through its RPC on a 2-core machine. */
const TARGET_TPS = 100;

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}

const { EverWalletAccount } = standalone;
const EVER = 1_000_000_000n;

async function main() {
  const transfers = arg("transfers", 2000);
  const walletsN = arg("wallets", 16);
  const clientSeconds = arg("client-seconds", 10);
  const pollMs = arg("poll-ms", 5);
  if (pollMs > 0) setJrpcPendingPollMs(pollMs);
  const misses: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-bench-"));
  const node = await spawnNode(["--port", "0", "--data", dir, "--quiet"]);
  console.log(`node ${node.url}, data ${dir}, ${os.cpus().length} CPUs`);
  try {
    const conn = await connectNode(node.url);
    const offset = (await nodeTime(node.url)).nowMs - Date.now();
    const giver = new EverWalletSigner(GIVER.address, giverKeyPair(), offset);

    // wallets: funded from the giver (raw), deployed by a first transfer through the client
    const wallets: { signer: EverWalletSigner; address: string }[] = [];
    for (let i = 0; i < walletsN; i++) {
      const keys = nt.ed25519_generateKeyPair();
      const account = await EverWalletAccount.fromPubkey({ publicKey: keys.publicKey });
      conn.keystore.addKeyPair(keys);
      conn.accountsStorage.addAccount(account);
      const address = account.address.toString();
      await nodeRpc(node.url, "sendMessage", { message: giver.transfer({ dest: address, value: 1000n * EVER }).boc });
      wallets.push({ signer: new EverWalletSigner(address, keys, offset), address });
    }
    await Promise.all(
      wallets.map(w =>
        conn.provider.sendMessage({ sender: new Address(w.address), recipient: conn.giver, amount: "1000000", bounce: false }),
      ),
    );
    const sink = (await EverWalletAccount.fromPubkey({ publicKey: nt.ed25519_generateKeyPair().publicKey })).address.toString();

    // 1. raw RPC
    const before = (await nodeRpc<{ transactions: number }>(node.url, "ddvs_getInfo")).transactions;
    let sent = 0;
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      wallets.map(async w => {
        while (sent < transfers) {
          sent++;
          const msg = w.signer.transfer({ dest: sink, value: 1_000_000n });
          const t = performance.now();
          await nodeRpc(node.url, "sendMessage", { message: msg.boc });
          latencies.push(performance.now() - t);
        }
      }),
    );
    const secs = (performance.now() - t0) / 1000;
    const info = await nodeRpc<{ transactions: number }>(node.url, "ddvs_getInfo");
    const txs = info.transactions - before;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(1);
    console.log(
      `rpc:    ${sent} transfers, ${txs} transactions in ${secs.toFixed(2)} s with ${walletsN} wallets: ` +
        `${(sent / secs).toFixed(0)} transfers/s, ${(txs / secs).toFixed(0)} transactions/s ` +
        `(ack latency p50 ${q(0.5)} ms, p99 ${q(0.99)} ms)`,
    );
    if (txs / secs < TARGET_TPS) misses.push(`rpc: ${(txs / secs).toFixed(0)} transactions/s < ${TARGET_TPS}`);

    // 2. through everscale-standalone-client
    if (clientSeconds > 0) {
      let done = 0;
      const deadline = performance.now() + clientSeconds * 1000;
      const c0 = performance.now();
      await Promise.all(
        wallets.map(async w => {
          while (performance.now() < deadline) {
            await conn.provider.sendMessage({ sender: new Address(w.address), recipient: new Address(sink), amount: "1000000", bounce: false });
            done++;
          }
        }),
      );
      const cs = (performance.now() - c0) / 1000;
      const wait = pollMs > 0 ? `pending-message wait ${pollMs} ms` : "the client's own 2 s pending-message wait";
      console.log(
        `client: ${done} transfers (${done * 2} transactions) in ${cs.toFixed(2)} s with ${walletsN} wallets, ${wait}: ` +
          `${(done / cs).toFixed(1)} transfers/s, ${((2 * done) / cs).toFixed(0)} transactions/s`,
      );
    }
    console.log(misses.length ? `target MISSED: ${misses.join("; ")}` : `target met: >= ${TARGET_TPS} transactions/s through the node's RPC`);
    if (misses.length) process.exitCode = 1;
  } finally {
    await node.stop("SIGTERM");
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
