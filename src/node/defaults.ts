/**
 * Documented defaults of `ddvs node` (see docs/node.md).
 */
import {
  GIVER_ADDRESS_EVER_WALLET,
  ZERO_ADDRESS,
} from "@broxus/locklift-network/internal/constants";

/** Loopback only unless asked otherwise. */
export const DEFAULT_HOST = "127.0.0.1";
/** Default TCP port of the JSON-RPC endpoint. */
export const DEFAULT_PORT = 9877;
/** Default data folder, relative to the current working directory (git-ignored). */
export const DEFAULT_DATA_DIR = ".ddvs-node";
/** Workchains of a freshly created chain: the masterchain and workchains 0, 1, 2. */
export const DEFAULT_CHAINS = [-1, 0, 1, 2];
/** Global id reported by getBlockchainConfig (the Everscale mainnet id, as the embedded network). */
export const GLOBAL_ID = 42;
/** Environment variable that points tools at a running node. */
export const NODE_URL_ENV = "DDVS_NODE_URL";

/**
 * The default endpoint, as locklift.config.ts's `node` network spells it. The node answers
 * JSON-RPC POSTs on any path, so `http://127.0.0.1:9877` works as well.
 */
export function defaultNodeUrl(host = DEFAULT_HOST, port = DEFAULT_PORT): string {
  return `http://${host}:${port}/rpc`;
}

/** The endpoint tools should use: $DDVS_NODE_URL, else the default address. */
export function nodeUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env[NODE_URL_ENV] || defaultNodeUrl();
}

/**
 * The funded development giver: the EverWallet that @broxus/locklift-network puts into
 * every fresh embedded network (GIVER_ADDRESS_EVER_WALLET, ~1e21 EVER). Its public key is
 * key #0 of locklift's default seed phrase ("maze turn choose industry beauty sweet panther
 * valve double report upset mother", path m/44'/396'/0'/0/0) — the key locklift's keystore
 * holds as "0" with `keys: { amount >= 1 }`. (locklift's default `giver.key`, 172af5…, is
 * the Evernode SE giver's key and does NOT control this wallet.) Public: development only.
 */
export const GIVER = {
  type: "EverWallet" as const,
  address: GIVER_ADDRESS_EVER_WALLET,
  publicKey: "dc0c563f0331c163116dead395e29bf665f82cd10f477f119bd0b7cf8478dae0",
  secretKey: "33882e369f87a20cd4ff8da9422af1e2477e945248af0f999aed97a0faffa6d3",
};

/** The zero address the embedded network pre-creates (standalone-client connection checks). */
export const ZERO_ADDRESS_STR = ZERO_ADDRESS.toString();
