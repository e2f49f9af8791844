/**
 * Proposer priority and block validity (codechain-rules.md "Consensus"; seed "How to update validators",
 * "Voting Power").
 *
 * The priority list holds the validators sorted descending by (weight, delegation, deposit, key)
 * — descending on the whole tuple, so on full ties the larger key comes first. Weights start at the
 * delegation. After each block, with m = the smallest delegation of the set at term begin, every
 * validator ranked above the author loses 2m, the author loses m (saturating at 0); the list is
 * re-sorted; when all weights are 0 they are reset to the delegations.
 *
 * The proposer of view v of the next height is list[v % n]; with all validators online every height
 * is decided in view 0, so the proposer is the head of the list ({@link ProposerSchedule.current}).
 * This reading makes the spec example (A 300, B 200, C 100 → A, A, B, A, B, C, repeat) hold.
 */
import { ModelError } from "./types";

/** A validator as known to the proposer schedule; amounts are bigint nanoevers. */
export interface ProposerValidator {
  key: string;
  delegation: bigint;
  deposit: bigint;
}

interface Entry extends ProposerValidator {
  weight: bigint;
}

function cmpDesc(a: Entry, b: Entry): number {
  if (a.weight !== b.weight) return a.weight > b.weight ? -1 : 1;
  if (a.delegation !== b.delegation) return a.delegation > b.delegation ? -1 : 1;
  if (a.deposit !== b.deposit) return a.deposit > b.deposit ? -1 : 1;
  if (a.key !== b.key) return a.key > b.key ? -1 : 1;
  return 0;
}

/** The per-term proposer priority list. */
export class ProposerSchedule {
  private initial: ProposerValidator[];
  private list: Entry[];
  private m: bigint;

  /** Validators of the term (delegation > 0 each, unique keys). Throws E_EMPTY_SET / E_INVALID_AMOUNT / E_DUPLICATE_KEY. */
  constructor(validators: readonly ProposerValidator[]) {
    if (validators.length === 0) throw new ModelError("E_EMPTY_SET", "no validators");
    const keys = new Set<string>();
    for (const v of validators) {
      if (keys.has(v.key)) throw new ModelError("E_DUPLICATE_KEY", `validator ${v.key} appears twice`, "key");
      keys.add(v.key);
      if (v.delegation <= 0n) throw new ModelError("E_INVALID_AMOUNT", `validator ${v.key}: delegation must be > 0`, "delegation");
    }
    this.initial = validators.map((v) => ({ key: v.key, delegation: v.delegation, deposit: v.deposit }));
    this.m = this.initial.reduce((m, v) => (v.delegation < m ? v.delegation : m), this.initial[0].delegation);
    this.list = [];
    this.reset();
  }

  private reset(): void {
    this.list = this.initial.map((v) => ({ ...v, weight: v.delegation })).sort(cmpDesc);
  }

  /** Key of the proposer of the next block (view 0) = head of the priority list. */
  current(): string {
    return this.list[0].key;
  }

  /** Key of the proposer for view `view` of the next height: list[view % n]. */
  proposerForView(view: number): string {
    if (!Number.isSafeInteger(view) || view < 0) throw new ModelError("E_INVALID_ARGUMENT", `view must be an integer ≥ 0`, "view");
    return this.list[view % this.list.length].key;
  }

  /** The current priority list (key and weight), head first. */
  priorities(): { key: string; weight: bigint }[] {
    return this.list.map((e) => ({ key: e.key, weight: e.weight }));
  }

  /** The smallest delegation m of the set. */
  get minDelegation(): bigint {
    return this.m;
  }

  /** Applies a committed block authored by `authorKey`. Throws E_NOT_VALIDATOR for an unknown author. */
  onBlock(authorKey: string): void {
    const idx = this.list.findIndex((e) => e.key === authorKey);
    if (idx < 0) throw new ModelError("E_NOT_VALIDATOR", `author ${authorKey} is not in the set`, "author");
    const sat = (w: bigint, d: bigint) => (w > d ? w - d : 0n);
    for (let i = 0; i < idx; i++) this.list[i].weight = sat(this.list[i].weight, 2n * this.m);
    this.list[idx].weight = sat(this.list[idx].weight, this.m);
    this.list.sort(cmpDesc);
    if (this.list.every((e) => e.weight === 0n)) this.reset();
  }

  /**
   * Removes a validator mid-term (ban after a double vote). m is recomputed over the remaining set and
   * the removed validator is not restored by later resets. Throws E_NOT_VALIDATOR / E_EMPTY_SET.
   */
  remove(key: string): void {
    if (!this.list.some((e) => e.key === key)) throw new ModelError("E_NOT_VALIDATOR", `${key} is not in the set`, "key");
    if (this.list.length === 1) throw new ModelError("E_EMPTY_SET", "cannot remove the last validator");
    this.list = this.list.filter((e) => e.key !== key);
    this.initial = this.initial.filter((e) => e.key !== key);
    this.m = this.initial.reduce((m, v) => (v.delegation < m ? v.delegation : m), this.initial[0].delegation);
    if (this.list.every((e) => e.weight === 0n)) this.reset();
  }

  /** Number of validators. */
  get size(): number {
    return this.list.length;
  }
}

/** A block is valid when signers' voting power × 3 > total voting power × 2 (strict). */
export function isBlockValid(signerPowers: bigint, totalPower: bigint): boolean {
  return 3n * signerPowers > 2n * totalPower;
}
