/**
 * DDVS executable reference model (pure TypeScript, written from shared/spec; independent of the
 * contracts). See docs/model.md.
 */
export * from "./types";
export * from "./election";
export * from "./rewards";
export * from "./proposer";
export * from "./fsm";
export * from "./chain";
export * from "./network";
export * from "./staking";
export * from "./crosschainVote";
