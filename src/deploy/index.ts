/**
 * src/deploy: the one deployment library of DDVS (tests, scripts, CLI, benchmarks).
 * Every function takes the locklift instance first, so it works on any configured network.
 *   network   the network file (networkId, deploy key) the build compiled the root for
 *   config    DElectorConfig constructor arguments (defaults of docs/messages.md §1)
 *   codes     code cells, canonical addresses and StateInits
 *   elector   deployElector (signed external constructor with the deploy key)
 *   root      deployRoot (through the elector), rootAt
 *   wallet    deployWalletViaRoot, deployWalletDirect, walletAt
 */
export * from "./network";
export * from "./config";
export * from "./codes";
export * from "./elector";
export * from "./root";
export * from "./wallet";
