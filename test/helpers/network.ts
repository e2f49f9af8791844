/**
 * Which network a chain test runs on, and what makes the `node` network (a `ddvs node`
 * over jrpc, see docs/node.md) behave like the embedded one for tests:
 *
 * - fast confirmations: everscale-standalone-client waits 2 s before it looks for a sent
 *   message's transaction on jrpc; the node has executed it by the time it acknowledges,
 *   so the wait is cut to NODE_PENDING_POLL_MS (src/node/polling.ts);
 * - time: `locklift.testing.increaseTime` is disabled by locklift on jrpc; on the node it
 *   is routed to `ddvs_increaseTime` and locklift's clock follows the node's offset.
 *
 * `installNetworkSupport()` is idempotent and does nothing on the embedded network.
 */
import { increaseTime, nodeRpc, syncClock, type NodeTime } from "../../src/node/client";
import { setJrpcPendingPollMs } from "../../src/node/polling";

/** Wait between refreshes of an account with a pending message on the node, ms. */
export const NODE_PENDING_POLL_MS = 5;

type LockliftClock = { offset: number; readonly time: number };

/** The locklift network this run uses (`locklift`, `node`, ...). */
export function networkName(): string {
  return locklift.context.network.name;
}

/** True when the tests run against a `ddvs node` (network `node`). */
export function onNode(): boolean {
  return networkName() === "node";
}

/** True on locklift's in-process embedded network (a `proxy` connection). */
export function onEmbedded(): boolean {
  return locklift.context.network.config.connection.type === "proxy";
}

/** The node's JSON-RPC URL (network `node` only). */
export function nodeUrl(): string {
  if (!onNode()) throw new Error(`not on the node network (network: ${networkName()})`);
  const connection = locklift.context.network.config.connection as { data: { endpoint: string } };
  return connection.data.endpoint;
}

/** locklift's provider clock (everscale-standalone-client Clock), which signs every message. */
export function lockliftClock(): LockliftClock {
  const clock = (locklift.testing as unknown as { clock?: LockliftClock }).clock;
  if (!clock) throw new Error("locklift.testing.clock is not reachable (locklift version changed?)");
  return clock;
}

/** Moves the node's time forward by `seconds` and keeps locklift's clock in step. */
export async function nodeIncreaseTime(seconds: number): Promise<NodeTime> {
  return increaseTime(nodeUrl(), seconds, lockliftClock() as never);
}

let installed = false;

/**
 * On the node network: fast confirmations, and `locklift.testing.increaseTime` /
 * `getTimeOffset` backed by the node. Registers a root `before` hook (when mocha is
 * loading specs) that syncs locklift's clock with the node's time offset.
 */
export function installNetworkSupport(): void {
  if (installed || !onNode()) return;
  installed = true;
  setJrpcPendingPollMs(NODE_PENDING_POLL_MS);
  const testing = locklift.testing as unknown as {
    increaseTime: (s: number) => Promise<void>;
    getTimeOffset: () => number;
  };
  testing.increaseTime = async (seconds: number) => {
    if (seconds < 0) throw new RangeError("time never moves backwards");
    await nodeIncreaseTime(seconds);
  };
  testing.getTimeOffset = () => lockliftClock().offset / 1000;
  if (typeof before === "function") before(() => syncClock(nodeUrl(), lockliftClock() as never).then(() => undefined));
}

/** A raw JSON-RPC call to the node (network `node` only). */
export function callNode<T>(method: string, params: object = {}): Promise<T> {
  return nodeRpc<T>(nodeUrl(), method, params);
}
