/**
 * Fast polling for everscale-standalone-client on `jrpc` connections.
 *
 * After `sendMessage`, the client waits for the message's transaction by refreshing the
 * sender's account; on non-proxy, non-GraphQL connections it waits a hard-coded 2000 ms
 * (`INTENSIVE_POLLING_INTERVAL` in `ContractSubscription`) before every refresh, and
 * `setPollingInterval` does not change it. A `ddvs node` answers `sendMessage` only after
 * the message and its whole cascade are executed and on disk, so the first refresh after
 * the send already finds the transaction: the 2 s are pure waiting.
 *
 * `setJrpcPendingPollMs(ms)` shortens that wait, process-wide, for every client created
 * from this process's copy of everscale-standalone-client (locklift's included). It only
 * touches waits while a message is pending (polling method "reliable"); the background
 * interval is left alone. It wraps the `_refreshTimer` field the loop stores its timer in
 * (everscale-standalone-client 3.x); `installed()` reports whether the wrap is active.
 */
import * as path from "path";

type Timer = [ReturnType<typeof setTimeout>, () => void];
type Subscription = { _currentPollingMethod?: string; _connection?: unknown; __ddvsTimer?: Timer };

let pendingPollMs: number | undefined;
let wrapped = false;

function subscriptionClass(): { prototype: object } {
  const entry = require.resolve("everscale-standalone-client/nodejs");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(path.dirname(entry), "client", "SubscriptionController", "subscription.js"));
  if (!mod.ContractSubscription) throw new Error("everscale-standalone-client: ContractSubscription not found (unsupported version)");
  return mod.ContractSubscription;
}

function isProxy(connection: unknown): boolean {
  return (connection as { constructor?: { name?: string } })?.constructor?.name === "ProxyConnection";
}

/**
 * Sets the wait between refreshes of an account with a pending message, in ms (≥ 1), for
 * jrpc connections; `undefined` restores the client's own 2000 ms. Idempotent.
 * Throws if the installed everscale-standalone-client does not have the expected shape.
 */
export function setJrpcPendingPollMs(ms: number | undefined): void {
  if (ms !== undefined && !(Number.isFinite(ms) && ms >= 1)) throw new RangeError(`poll interval must be >= 1 ms, got ${ms}`);
  pendingPollMs = ms;
  if (wrapped || ms === undefined) return;
  const proto = subscriptionClass().prototype;
  if (Object.getOwnPropertyDescriptor(proto, "_refreshTimer")) throw new Error("ContractSubscription._refreshTimer is already an accessor");
  Object.defineProperty(proto, "_refreshTimer", {
    configurable: true,
    get(this: Subscription) {
      return this.__ddvsTimer;
    },
    set(this: Subscription, timer: Timer | undefined) {
      const fast = pendingPollMs !== undefined && timer !== undefined && this._currentPollingMethod !== "manual" && !isProxy(this._connection);
      if (!fast) {
        this.__ddvsTimer = timer;
        return;
      }
      const [handle, resolve] = timer;
      clearTimeout(handle);
      const shortened = setTimeout(() => {
        this.__ddvsTimer = undefined;
        resolve();
      }, pendingPollMs);
      this.__ddvsTimer = [shortened, resolve];
    },
  });
  wrapped = true;
}

/** The wait currently set by setJrpcPendingPollMs (ms), or undefined (client default). */
export function jrpcPendingPollMs(): number | undefined {
  return pendingPollMs;
}
