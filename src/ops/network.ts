/**
 * Network selection for scripts, the CLI, the keeper and benchmarks.
 *
 * - default: `locklift` — the embedded in-process network (@broxus/locklift-network, Tycho
 *   executor) with the 4-chain config of `src/network/config.ts` (masterchain −1, workchains 0, 1, 2);
 * - any network of `locklift.config.ts` by name (`local`, `node`, `testnet`…);
 * - `endpoint`: a running `ddvs node` (docs/node.md) or any JRPC endpoint; the `node` network's
 *   giver and keys are used with the connection replaced.
 *
 * `openNetwork` builds a `Locklift` instance in this process exactly as `locklift run` does and
 * installs it as the global `locklift` (the typed factory of build/factorySource.ts works on it).
 */
import path from "path";
import type { Locklift } from "locklift";
import type { FactorySource } from "../../build/factorySource";
import { maybeExecutor } from "../dev/executor";

/** Repository root (where locklift.config.ts and build/ live). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Name of the embedded network in locklift.config.ts. */
export const EMBEDDED_NETWORK = "locklift";

export interface NetworkOptions {
  /** locklift network name (default `locklift`, the embedded network). */
  network?: string;
  /** JSON-RPC endpoint of a running node (`ddvs node`); implies the `node` network's giver. */
  endpoint?: string;
}

export interface OpenNetwork {
  locklift: Locklift<FactorySource>;
  /** The network name actually used. */
  name: string;
  /** True for the in-process embedded network (time can be moved with `increaseTime`). */
  embedded: boolean;
  /** The JRPC endpoint when connected to a node. */
  endpoint?: string;
}

/** Resolves the locklift network name and endpoint from CLI options (pure; tested). */
export function resolveNetwork(opts: NetworkOptions): { name: string; endpoint?: string } {
  if (opts.endpoint) {
    if (!/^https?:\/\//.test(opts.endpoint)) throw new Error(`--endpoint must be an http(s) URL, got ${opts.endpoint}`);
    if (opts.network && opts.network !== "node") throw new Error("--endpoint is for a running node: use it without --network, or with --network node");
    return { name: "node", endpoint: opts.endpoint };
  }
  return { name: opts.network ?? EMBEDDED_NETWORK };
}

/** locklift's development phrase and path: the keys `locklift run` derives when the config names none. */
const DEV_PHRASE = "maze turn choose industry beauty sweet panther valve double report upset mother";
const DEV_PATH = "m/44'/396'/0'/0/INDEX";
const DEFAULT_GIVER_ADDRESS = "0:f2570313b1d6313db96f01ff3af1ebbae31111aa0bbf74f51397b67990bc2b73";
const DEFAULT_GIVER_KEY = "172af540e43a524763dd53b26a066d472a97c4de37d5498170564510608250c3";

/**
 * locklift.config.ts with the defaults locklift's loader adds (keys phrase/path). Not through
 * `locklift/internal/config`: that module loads the browser entry of everscale-standalone-client,
 * which replaces the Node.js nekoton loader of an already loaded locklift.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadLockliftConfig(): any {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const config = { ...require(path.join(REPO_ROOT, "locklift.config.ts")).default };
  config.networks = { ...config.networks };
  for (const [k, v] of Object.entries<any>(config.networks)) {
    config.networks[k] = { ...v, connection: { ...v.connection, data: { ...v.connection?.data } } };
    // locklift's loader default giver (the embedded network finds its own giver from it)
    if (!v.giver) config.networks[k].giver = { address: DEFAULT_GIVER_ADDRESS, key: DEFAULT_GIVER_KEY };
    if (v.keys) config.networks[k].keys = { ...v.keys, phrase: v.keys.phrase || DEV_PHRASE, path: v.keys.path || DEV_PATH };
  }
  return config;
}

/**
 * locklift's internals load the browser entry of everscale-standalone-client, which (when it is
 * loaded after the Node.js entry) replaces nekoton's Node.js binding with the web one that needs
 * an explicit init. `locklift run` avoids it by load order; a library cannot rely on its caller's
 * import order, so the Node.js binding is put back here, as `everscale-standalone-client/nodejs` sets it.
 */
function useNodeNekoton(): void {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  require("everscale-standalone-client"); // make sure the browser entry ran first
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const core = require("everscale-standalone-client/core").default;
  core.ensureNekotonLoaded = () => Promise.resolve();
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  core.nekoton = require("nekoton-wasm/node");
}

/**
 * The embedded network's executor runs a queued message as read-account → execute (await) →
 * write-account. Two `sendMessage` calls in flight (parallel senders) run two queue loops at once:
 * both can execute a message on the same account from the same old state, and the second write
 * loses the first transaction's effect (seen: a wallet receiving two change messages at once lost
 * one of them; both transactions got the same lt). Serialising `processNextMsg` makes every
 * message atomic again; the queue order (by lt) is unchanged.
 */
export function serializeEmbeddedExecutor(locklift: Locklift<FactorySource>): void {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ex = maybeExecutor(locklift) as any;
  if (!ex || ex.__ddvsSerialized) return;
  const next = ex.processNextMsg.bind(ex);
  let tail: Promise<unknown> = Promise.resolve();
  ex.processNextMsg = () => {
    const run = tail.then(() => next());
    tail = run.catch(() => undefined);
    return run;
  };
  ex.__ddvsSerialized = true;
}

let current: OpenNetwork | undefined;

/**
 * Opens (once per process) the network and sets `global.locklift`. A second call with the same
 * options returns the same instance; different options throw (one network per process).
 */
export async function openNetwork(opts: NetworkOptions = {}): Promise<OpenNetwork> {
  const { name, endpoint } = resolveNetwork(opts);
  if (current) {
    if (current.name !== name || current.endpoint !== endpoint) throw new Error(`network ${current.name} is already open in this process`);
    return current;
  }
  const g = global as unknown as { locklift?: Locklift<FactorySource> };
  // inside `locklift test` / `locklift run` the global instance is already there
  if (g.locklift && (name === EMBEDDED_NETWORK || (g.locklift.context?.network?.name === name))) {
    current = { locklift: g.locklift, name, embedded: name === EMBEDDED_NETWORK, endpoint };
    if (current.embedded) serializeEmbeddedExecutor(g.locklift);
    return current;
  }
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Locklift: L } = require("locklift");
  const config = loadLockliftConfig();
  useNodeNekoton();
  const gx = global as unknown as { extenders?: unknown[] };
  gx.extenders ??= []; // locklift plugins registry (set by its CLI)
  if (!config.networks[name]) throw new Error(`unknown network ${name} (locklift.config.ts has: ${Object.keys(config.networks).join(", ")})`);
  if (endpoint) config.networks[name].connection = { ...config.networks[name].connection, data: { ...config.networks[name].connection.data, endpoint } };
  // locklift prints setup notes with console.log: keep stdout for the command's own output
  const log = console.log;
  console.log = (...a: unknown[]) => process.stderr.write(a.map(String).join(" ") + "\n");
  let locklift: Locklift<FactorySource>;
  try {
    locklift = (await L.setup(config, name)) as Locklift<FactorySource>;
  } finally {
    console.log = log;
  }
  g.locklift = locklift;
  current = { locklift, name, embedded: config.networks[name].connection.type === "proxy", endpoint };
  if (current.embedded) serializeEmbeddedExecutor(locklift);
  if (name === "node") {
    // a ddvs node's time may be ahead of the wall clock (ddvs_increaseTime): sign and decide with its time
    const url = endpoint ?? config.networks[name].connection.data.endpoint;
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { syncClock } = require("../node/client");
    await syncClock(url, (locklift as unknown as { clock: unknown }).clock);
    current.endpoint = url;
  }
  return current;
}
