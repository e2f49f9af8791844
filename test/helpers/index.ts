/** Test helpers, one place: accounts, time travel, balances, traces, externals, emulator access. */
export * from "./emulator";
export * from "./externals";
export * from "./accounts";
export * from "./abiValues";
export * from "./network";

import { installNetworkSupport } from "./network";
// on the `node` network: fast confirmations, node-backed time (no-op elsewhere)
installNetworkSupport();
