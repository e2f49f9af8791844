/** Test helpers, one place: accounts, time travel, balances, traces, externals, emulator access. */
export * from "./emulator";
export * from "./externals";
export * from "./accounts";
export * from "./abiValues";
