/**
 * DDVS consensus simulator: blocks of one term off chain, the term statistics cell
 * (ABI 2.4) with the validators' ed25519 signatures, and double-vote evidence.
 * Formats and rules: docs/simulator.md.
 */
export * from "./types";
export * from "./prng";
export * from "./keys";
export * from "./stats";
export * from "./doubleVote";
export * from "./simulate";
