/**
 * The DDVS local node: library API.
 *
 *   startNode({ host, port, dataDir, chains, config }) -> { url, close() }   (server.ts)
 *   client helpers: connectNode, nodeRpc, increaseTime, nodeTime            (client.ts)
 *   fast confirmations on jrpc: setJrpcPendingPollMs(5)                    (polling.ts)
 */
export { startNode, NodeStartError, parseChains, defaultConfig } from "./server";
export type { NodeOptions, RunningNode } from "./server";
export * from "./defaults";
export * from "./client";
export { setJrpcPendingPollMs, jrpcPendingPollMs } from "./polling";
