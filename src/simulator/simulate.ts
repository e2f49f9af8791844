/**
 * Off-chain consensus of one term: produces the blocks from a committed validator set
 * and outputs what the contracts verify (the statistics cell and the validators'
 * signatures over it). Rules (docs/simulator.md):
 *
 * - The term has `blocks` slots (heights). For each slot, views 0, 1, … n−1 are tried:
 *   the proposer of view v is `ProposerSchedule.proposerForView(v)` (list[v % n] of the
 *   priority list, src/model/proposer.ts). An offline proposer proposes nothing, so the
 *   view passes to the next validator in priority order.
 * - An online proposer signs its own block; every other online validator signs it
 *   unless it misses (probability `missRate.get(key)`, one PRNG draw per validator with a
 *   rate > 0, in input order); offline validators never sign.
 * - The block is committed iff `isBlockValid(Σ signers' delegation, Σ delegation)`
 *   (3·signers > 2·total). Then `schedule.onBlock(author)`, and the slot ends. A failed
 *   view moves on to the next view; if all n views fail the slot stays empty.
 * - Stats count committed blocks only: author `proposed += 1`, `missed += n − #signers`,
 *   `fees += feePerBlock`; each signer `signed += 1`. Per-block precommit signatures are
 *   counted, not materialised.
 * - At term end every online validator signs the statistics cell's hash.
 * Deterministic: same inputs and `seed` → same result (mulberry32).
 */
import { isBlockValid, ProposerSchedule } from "../model/proposer";
import { mulberry32 } from "./prng";
import { encodeTermStats, EncodedTermStats, signTermStats } from "./stats";
import { normKey, Signature, SimValidator, TermStats, ValidatorStats } from "./types";

export interface SimulateTermOptions {
  networkId: number;
  termId: number;
  /** The term's validator set (voting power = delegation). */
  validators: readonly SimValidator[];
  /** Number of block slots (heights) in the term. */
  blocks: number;
  /** Identity keys of validators that are down for the whole term. */
  offline?: ReadonlySet<string>;
  /** Per identity key: probability in [0, 1] of failing to sign a block of another proposer. */
  missRate?: ReadonlyMap<string, number>;
  /** Fee of each committed block, nanoevers (credited to its author). */
  feePerBlock: bigint;
  /** PRNG seed (uint32). */
  seed: number;
}

export interface CommittedBlock {
  /** 0-based height among committed blocks. */
  height: number;
  /** Slot index in [0, blocks). */
  slot: number;
  /** View at which it committed (0 unless earlier proposers were offline or failed). */
  view: number;
  author: string;
  /** Number of validators that signed it. */
  signers: number;
}

export interface SimulationResult {
  networkId: number;
  termId: number;
  /** Slots simulated (the `blocks` input). */
  slots: number;
  /** N = committed blocks. */
  blocks: number;
  /** Committed blocks in order. */
  chain: CommittedBlock[];
  /** Per identity key, every validator of the set, in input order. */
  stats: Map<string, ValidatorStats>;
  /** The statistics as reported on chain. */
  termStats: TermStats;
  /** ABI 2.4 statistics cell: boc (base64), cell, hash (32 bytes, the signed data). */
  encoded: EncodedTermStats;
  /** Signatures of the statistics hash by every online validator, keyed by identity key. */
  signatures: Map<string, Signature>;
  /** Σ delegation of the statistics' signers and of the whole set, nanoevers. */
  signerPower: bigint;
  totalPower: bigint;
  /** Whether the signatures carry > 2/3 of the power (what the contract will require). */
  statsAccepted: boolean;
}

/** Simulate one term (see module doc for the rules). */
export function simulateTerm(opts: SimulateTermOptions): SimulationResult {
  const { networkId, termId, feePerBlock, seed } = opts;
  if (!Number.isSafeInteger(opts.blocks) || opts.blocks < 0) throw new Error("blocks must be an integer >= 0");
  if (feePerBlock < 0n) throw new Error("feePerBlock must be >= 0");
  const vals = opts.validators.map(v => ({ ...v, key: normKey(v.key) }));
  const byKey = new Map(vals.map(v => [v.key, v]));
  if (byKey.size !== vals.length) throw new Error("duplicate validator key");
  const offline = new Set([...(opts.offline ?? [])].map(normKey));
  for (const k of offline) if (!byKey.has(k)) throw new Error(`offline key ${k} is not in the set`);
  const miss = new Map<string, number>();
  for (const [k0, p] of opts.missRate ?? []) {
    const k = normKey(k0);
    if (!byKey.has(k)) throw new Error(`missRate key ${k} is not in the set`);
    if (!(p >= 0 && p <= 1)) throw new Error(`missRate of ${k} must be in [0, 1]`);
    miss.set(k, p);
  }

  const schedule = new ProposerSchedule(vals.map(v => ({ key: v.key, delegation: v.delegation, deposit: v.deposit })));
  const rng = mulberry32(seed);
  const n = vals.length;
  const totalPower = vals.reduce((a, v) => a + v.delegation, 0n);
  const stats = new Map<string, ValidatorStats>(vals.map(v => [v.key, { proposed: 0, missed: 0, signed: 0, fees: 0n }]));
  const chain: CommittedBlock[] = [];

  for (let slot = 0; slot < opts.blocks; slot++) {
    for (let view = 0; view < n; view++) {
      const author = schedule.proposerForView(view);
      if (offline.has(author)) continue;
      const signers: string[] = [];
      let power = 0n;
      for (const v of vals) {
        if (offline.has(v.key)) continue;
        if (v.key !== author) {
          const p = miss.get(v.key) ?? 0;
          if (p > 0 && rng() < p) continue;
        }
        signers.push(v.key);
        power += v.delegation;
      }
      if (!isBlockValid(power, totalPower)) continue;
      schedule.onBlock(author);
      const a = stats.get(author)!;
      a.proposed += 1;
      a.missed += n - signers.length;
      a.fees += feePerBlock;
      for (const k of signers) stats.get(k)!.signed += 1;
      chain.push({ height: chain.length, slot, view, author, signers: signers.length });
      break;
    }
  }

  const termStats: TermStats = { networkId, termId, blocks: chain.length, stats };
  const encoded = encodeTermStats(termStats);
  const online = vals.filter(v => !offline.has(v.key));
  const signatures = signTermStats(encoded.hash, online);
  const signerPower = online.reduce((a, v) => a + v.delegation, 0n);
  return {
    networkId,
    termId,
    slots: opts.blocks,
    blocks: chain.length,
    chain,
    stats,
    termStats,
    encoded,
    signatures,
    signerPower,
    totalPower,
    statsAccepted: isBlockValid(signerPower, totalPower),
  };
}
