/**
 * locklift networks of DDVS.
 * - `locklift` (default): the embedded network (@broxus/locklift-network, Tycho executor, WASM,
 *   offline). Its blockchain config is the Everscale mainnet config locklift ships ("EVER")
 *   with workchains 1 and 2 added to param 12 next to 0 (src/network/config.ts), so the
 *   masterchain -1 and workchains 0, 1, 2 all route messages. Nothing else differs.
 * - `local`: a real local node over GraphQL (LOCAL_NETWORK_ENDPOINT, default http://localhost/graphql).
 * - `node`: a `ddvs node` over JRPC (DDVS_NODE_URL, default http://127.0.0.1:9877/rpc).
 * - `testnet`: any JRPC endpoint (TESTNET_ENDPOINT), giver from TESTNET_GIVER_ADDRESS and
 *   TESTNET_GIVER_PHRASE or TESTNET_GIVER_KEY. No secret is committed.
 */
import { lockliftChai, LockliftConfig } from "locklift";
import chai from "chai";
import { FactorySource } from "./build/factorySource";
import { everConfigWithWorkchains } from "./src/network/config";

chai.use(lockliftChai);

declare global {
  // eslint-disable-next-line no-var
  const locklift: import("locklift").Locklift<FactorySource>;
}

const LOCAL_NETWORK_ENDPOINT = process.env.LOCAL_NETWORK_ENDPOINT || "http://localhost/graphql";
const DDVS_NODE_URL = process.env.DDVS_NODE_URL || "http://127.0.0.1:9877/rpc";
const TESTNET_ENDPOINT = process.env.TESTNET_ENDPOINT || "https://jrpc-testnet.everwallet.net/rpc";

const TESTNET_GIVER_ADDRESS = process.env.TESTNET_GIVER_ADDRESS || "0:" + "0".repeat(64);
const testnetGiver = process.env.TESTNET_GIVER_KEY
  ? { address: TESTNET_GIVER_ADDRESS, key: process.env.TESTNET_GIVER_KEY }
  : { address: TESTNET_GIVER_ADDRESS, phrase: process.env.TESTNET_GIVER_PHRASE || "set TESTNET_GIVER_PHRASE", accountId: 0 };

const config: LockliftConfig = {
  compiler: { version: "0.71.0" }, // unused: contracts are Tolk, built by `npm run build`; tests pass --disable-build
  linker: { version: "0.20.6" },
  networks: {
    locklift: {
      // @ts-ignore the proxy connection's data is filled in by locklift
      connection: { id: 1001, type: "proxy", data: {} },
      blockchainConfig: { custom: everConfigWithWorkchains([0, 1, 2]) },
      keys: { amount: 20 },
    },
    local: {
      connection: {
        id: 1,
        group: "localnet",
        type: "graphql",
        data: { endpoints: [LOCAL_NETWORK_ENDPOINT], latencyDetectionInterval: 1000, local: true },
      },
      // the default giver of Everscale's local node (evernode-se) — a public development key
      giver: {
        address: "0:ece57bcc6c530283becbbd8a3b24d3c5987cdddc3c8b7b33be6e4a6312490415",
        key: "172af540e43a524763dd53b26a066d472a97c4de37d5498170564510608250c3",
      },
      keys: { amount: 20 },
    },
    node: {
      connection: { id: 1002, group: "ddvs-node", type: "jrpc", data: { endpoint: DDVS_NODE_URL } },
      // the embedded network's built-in EverWallet giver: key #0 of locklift's default
      // development phrase (a public test key, see docs/node.md)
      giver: {
        address: "0:f2570313b1d6313db96f01ff3af1ebbae31111aa0bbf74f51397b67990bc2b73",
        key: "33882e369f87a20cd4ff8da9422af1e2477e945248af0f999aed97a0faffa6d3",
      },
      keys: { amount: 20 },
    },
    testnet: {
      connection: { id: 2000, group: "testnet", type: "jrpc", data: { endpoint: TESTNET_ENDPOINT } },
      giver: testnetGiver,
      keys: { phrase: process.env.TESTNET_PHRASE, amount: 20 },
    },
  },
  mocha: { timeout: 180000, bail: false },
};

export default config;
