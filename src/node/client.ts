/**
 * Client side of a running `ddvs node`: raw JSON-RPC calls, time control, and an
 * everscale-standalone-client provider (`jrpc` connection) with the giver ready to sign.
 *
 * Time: the node's clock may be ahead of the wall clock (ddvs_increaseTime). A client
 * signs messages with its own clock, and wallets reject messages whose expiry is already
 * past on the node, so a provider's Clock must carry the node's offset: connectNode()
 * syncs it, increaseTime() moves both.
 */
import * as nt from "nekoton-wasm";
import { keyPairFromSeed } from "@ton/crypto";
import { ProviderRpcClient, Address } from "everscale-inpage-provider";
import type * as Standalone from "everscale-standalone-client";
import { GIVER } from "./defaults";
import { setJrpcPendingPollMs } from "./polling";

// The Node.js entry wires nekoton for Node; its types are the main entry's ("./nodejs" is
// only reachable through package "exports", which moduleResolution "node" ignores).
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const standalone = require("everscale-standalone-client/nodejs") as typeof Standalone;
const { Clock, EverscaleStandaloneClient, EverWalletAccount, SimpleAccountsStorage, SimpleKeystore } = standalone;
type Clock = Standalone.Clock;
type EverscaleStandaloneClient = Standalone.EverscaleStandaloneClient;
type SimpleAccountsStorage = Standalone.SimpleAccountsStorage;
type SimpleKeystore = Standalone.SimpleKeystore;
type MessageProperties = Standalone.MessageProperties;

export class NodeRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

let nextId = 1;

/** One JSON-RPC call; throws NodeRpcError on a JSON-RPC error. */
export async function nodeRpc<T = unknown>(url: string, method: string, params: object = {}): Promise<T> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params }),
  });
  const body = (await res.json()) as { result?: T; error?: { code: number; message: string } };
  if (body.error) throw new NodeRpcError(body.error.code, `${method}: ${body.error.message}`);
  return body.result as T;
}

export type NodeTime = { now: number; nowMs: number; offsetMs: number };

export function nodeTime(url: string): Promise<NodeTime> {
  return nodeRpc<NodeTime>(url, "ddvs_getTime");
}

/** Sets `clock` so that it reads the node's time. */
export async function syncClock(url: string, clock: Clock): Promise<NodeTime> {
  const t = await nodeTime(url);
  clock.offset = t.nowMs - Date.now();
  return t;
}

/** Moves the node's time forward by `seconds` (never back) and keeps `clock` in step. */
export async function increaseTime(url: string, seconds: number, clock?: Clock): Promise<NodeTime> {
  const t = await nodeRpc<NodeTime>(url, "ddvs_increaseTime", { seconds });
  if (clock) clock.offset = t.nowMs - Date.now();
  return t;
}

/**
 * For clients of an endpoint that may or may not be a `ddvs node` (CLI `--endpoint`):
 * if `url` answers `ddvs_getInfo`, cuts everscale-standalone-client's 2 s wait for sent
 * messages to `pendingPollMs` process-wide (see ./polling) and resolves true; otherwise
 * (a public JRPC endpoint: polling it every few ms would be abusive) changes nothing and
 * resolves false. Never throws for an unreachable or foreign endpoint.
 */
export async function fastConfirmationsIfNode(url: string, pendingPollMs = 5): Promise<boolean> {
  try {
    const info = await nodeRpc<{ name?: string }>(url, "ddvs_getInfo");
    if (info?.name !== "ddvs node") return false;
  } catch {
    return false;
  }
  setJrpcPendingPollMs(pendingPollMs);
  return true;
}

/** The giver's key pair (hex), checked against its documented public key. */
export function giverKeyPair(): { publicKey: string; secretKey: string } {
  const publicKey = keyPairFromSeed(Buffer.from(GIVER.secretKey, "hex")).publicKey.toString("hex");
  if (publicKey !== GIVER.publicKey) throw new Error("giver key constants are inconsistent");
  return { publicKey, secretKey: GIVER.secretKey };
}

export type NodeConnection = {
  provider: ProviderRpcClient;
  client: EverscaleStandaloneClient;
  clock: Clock;
  keystore: SimpleKeystore;
  accountsStorage: SimpleAccountsStorage;
  giver: Address;
};

/**
 * A provider talking to the node through everscale-standalone-client's `jrpc` connection,
 * with the giver's key in the keystore and the giver's EverWallet in the accounts storage
 * (send from it with `provider.sendMessage({ sender: giver, ... })`).
 * `pendingPollMs` (e.g. 5) cuts the client's 2 s wait for a sent message's transaction,
 * process-wide (see ./polling); without it the client keeps its own 2 s.
 */
export async function connectNode(
  url: string,
  opts: { message?: MessageProperties; pollingIntervalMs?: number; pendingPollMs?: number } = {},
): Promise<NodeConnection> {
  if (opts.pendingPollMs !== undefined) setJrpcPendingPollMs(opts.pendingPollMs);
  const clock = new Clock();
  await syncClock(url, clock);
  const keystore = new SimpleKeystore();
  const giverKeys = giverKeyPair();
  keystore.addKeyPair(giverKeys);
  const accountsStorage = new SimpleAccountsStorage();
  const giver = new Address(GIVER.address);
  accountsStorage.addAccount(new EverWalletAccount(giver));
  const client = await EverscaleStandaloneClient.create({
    connection: { id: 1002, group: "ddvs-node", type: "jrpc", data: { endpoint: url } },
    keystore,
    accountsStorage,
    clock,
    message: opts.message,
  });
  if (opts.pollingIntervalMs) client.setPollingInterval(opts.pollingIntervalMs);
  const provider = new ProviderRpcClient({ provider: client });
  await provider.ensureInitialized();
  return { provider, client, clock, keystore, accountsStorage, giver };
}

/** EverWallet's `sendTransaction` (the subset of its ABI a transfer needs). */
export const EVER_WALLET_ABI = JSON.stringify({
  "ABI version": 2,
  version: "2.3",
  header: ["pubkey", "time", "expire"],
  functions: [
    {
      name: "sendTransaction",
      inputs: [
        { name: "dest", type: "address" },
        { name: "value", type: "uint128" },
        { name: "bounce", type: "bool" },
        { name: "flags", type: "uint8" },
        { name: "payload", type: "cell" },
      ],
      outputs: [],
    },
  ],
  events: [],
});

/**
 * Signs EverWallet transfers without a provider, for raw `sendMessage` calls (load tests,
 * scripts). EverWallet's replay protection wants strictly increasing `time` headers, so
 * each signer keeps its own clock a millisecond ahead of the previous message when needed.
 * Send one wallet's messages in order, each after the previous one is acknowledged.
 */
export class EverWalletSigner {
  private readonly clock = new nt.ClockWithOffset();
  private lastMs = 0;

  constructor(
    readonly address: string,
    private readonly keys: { publicKey: string; secretKey: string },
    /** Milliseconds the node's clock is ahead of this machine's (NodeTime.nowMs - Date.now()). */
    private offsetMs = 0,
  ) {}

  setOffset(offsetMs: number) {
    this.offsetMs = offsetMs;
  }

  /**
   * A signed external message asking the wallet to send `value` nanoevers to `dest`, with an
   * optional body (`payload`, base64 cell BOC, e.g. from nt.encodeInternalInput), bounce
   * flag (default false), expiry `timeout` in seconds (default 60) and `stateInit` (deploys
   * the wallet itself with its first message).
   */
  transfer(p: { dest: string; value: bigint | string; bounce?: boolean; payload?: string; timeout?: number; stateInit?: string }): nt.SignedMessage {
    let now = Date.now() + this.offsetMs;
    if (now <= this.lastMs) now = this.lastMs + 1;
    this.lastMs = now;
    this.clock.updateOffset(now - Date.now());
    const unsigned = nt.createExternalMessage(
      this.clock,
      this.address,
      EVER_WALLET_ABI,
      "sendTransaction",
      p.stateInit ?? null,
      { dest: p.dest, value: p.value.toString(), bounce: p.bounce ?? false, flags: 3, payload: p.payload ?? "" },
      this.keys.publicKey,
      p.timeout ?? 60,
    );
    try {
      return unsigned.sign(nt.ed25519_sign(this.keys.secretKey, unsigned.hash, { type: "empty" }));
    } finally {
      unsigned.free();
    }
  }
}
