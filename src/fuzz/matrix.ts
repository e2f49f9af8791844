/**
 * The bad-input matrix, generated from the ABIs: for every public function of every DDVS
 * contract, each applicable class of bad input, with the expected outcome. Pure (no chain):
 * test/chain/bad-input.spec.ts builds and sends the messages, test/unit/matrix.spec.ts checks
 * the coverage. A function added to an ABI gets its rows automatically (policy defaults in
 * matrixPolicy.ts).
 *
 * Every row expects "no state change" (account data identical before/after); `exit` is the
 * expected compute exit code name (errors.json) or VM code; `accepted: false` means the message
 * must not even produce a transaction (externals); `valueBack` means a message must carry the
 * value back (a bounce, or the documented return).
 */
import { AbiFunction, ContractAbi } from "../toolchain/abi";
import { CallerKind, policyOf } from "./matrixPolicy";

export const MATRIX_CONTRACTS = ["DePoolWallet", "DePoolRoot", "DElectorConfig"] as const;
export type MatrixContract = (typeof MATRIX_CONTRACTS)[number];

export type BadInputClass =
  | "forgedSender"
  | "forgedOtherNetwork"
  | "wrongSignature"
  | "expiredExternal"
  | "replayedExternal"
  | "truncatedBody"
  | "extraBits"
  | "unknownFunction"
  | "lowValue"
  | "wrongWorkchain"
  | "notMasterchain"
  | "repeatedCall"
  | "bouncedReply";

export const ALL_CLASSES: readonly BadInputClass[] = [
  "forgedSender", "forgedOtherNetwork", "wrongSignature", "expiredExternal", "replayedExternal", "truncatedBody",
  "extraBits", "unknownFunction", "lowValue", "wrongWorkchain", "notMasterchain", "repeatedCall", "bouncedReply",
];

export interface Expectation {
  /** message must not be accepted (external): no transaction */
  accepted: boolean;
  /** allowed exit codes by name (errors.json), "VM9" (cell underflow: malformed body), "NAMED" (any errors.json code), "*" (anything); empty = success (0/1) */
  exit: string[];
  /** a message carrying the value back must leave the transaction */
  valueBack: boolean;
}

export interface MatrixRow {
  contract: MatrixContract;
  /** target function (for bouncedReply: the function whose bounce is delivered; "*" for unknownFunction) */
  fn: string;
  /** for bouncedReply: the contract whose function bounced */
  bouncedFrom?: MatrixContract;
  cls: BadInputClass;
  /** for wrongWorkchain: the parameter moved to −1 */
  param?: string;
  caller: CallerKind;
  expect: Expectation;
  /** human-readable row name */
  title: string;
}

const SENDER_OF: Partial<Record<CallerKind, (target: MatrixContract) => MatrixContract>> = {
  wallet: () => "DePoolWallet",
  root: () => "DePoolRoot",
  rootWithPosition: () => "DePoolRoot",
  elector: () => "DElectorConfig",
  peer: () => "DElectorConfig",
  self: (t) => t,
};

const reject = (...exit: string[]): Expectation => ({ accepted: true, exit, valueBack: true });
const noTx = (...exit: string[]): Expectation => ({ accepted: false, exit, valueBack: false });

function rowsOfFunction(contract: MatrixContract, f: AbiFunction): MatrixRow[] {
  const p = policyOf(contract, f.name);
  const rows: MatrixRow[] = [];
  const add = (cls: BadInputClass, expect: Expectation, extra: Partial<MatrixRow> = {}) =>
    rows.push({ contract, fn: f.name, cls, caller: p.caller, expect, title: `${contract}.${f.name}: ${cls}${extra.param ? ` (${extra.param})` : ""}`, ...extra });
  const isCtor = f.name === "constructor";

  if (p.caller !== "anyone" && !isCtor) {
    const forged = (p.forgedError ?? "NOT_AUTHORIZED").split("|");
    add("forgedSender", reject(...forged));
    if (p.caller !== "owner" && p.caller !== "self") add("forgedOtherNetwork", reject(...forged));
  }
  add("wrongSignature", noTx("BAD_SIGNATURE", "NO_SIGNATURE", "UNKNOWN_FUNCTION", "NOT_IMPLEMENTED"));
  if (contract === "DElectorConfig") {
    add("expiredExternal", noTx("EXPIRED"));
    if (isCtor) add("replayedExternal", noTx("REPLAY", "ALREADY_INITIALIZED"));
  }
  // a constructed contract may refuse a malformed constructor call as a repeated one
  // (or by any named check that runs before the body is parsed: sender, state)
  const malformed = ["VM9", "NAMED"];
  if (f.inputs.length > 0) add("truncatedBody", reject(...malformed));
  if (!p.tail) add("extraBits", reject(...malformed));
  if (p.minValue !== undefined && p.minValue > 0n && !isCtor) add("lowValue", reject("LOW_VALUE"));
  for (const param of p.notMasterchain ?? []) add("wrongWorkchain", reject("WRONG_WORKCHAIN"), { param });
  if (p.notOnMasterchain) add("wrongWorkchain", reject("WRONG_WORKCHAIN"), { param: "(called on −1)" });
  if (p.masterchainOnly) add("notMasterchain", reject(p.caller === "peer" ? "NOT_MASTERCHAIN" : "NOT_MASTERCHAIN"));
  if (isCtor) {
    // the wallet constructor is idempotent (returns the value); the others refuse
    add("repeatedCall", contract === "DePoolWallet" ? { accepted: true, exit: [], valueBack: true } : reject("ALREADY_INITIALIZED", "NOT_AUTHORIZED"));
  }
  return rows;
}

/** Bounced copies of every function `contract` may send (derived from the callers' policy), from a stranger. */
function bounceRows(contract: MatrixContract, abis: Record<MatrixContract, ContractAbi>): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const other of MATRIX_CONTRACTS) {
    for (const f of abis[other].functions) {
      const p = policyOf(other, f.name);
      const sender = SENDER_OF[p.caller]?.(other);
      if (sender !== contract) continue;
      rows.push({
        contract, fn: f.name, bouncedFrom: other, cls: "bouncedReply", caller: "anyone",
        // a stray bounce restores nothing: accepted (or refused), and the data is unchanged
        expect: { accepted: true, exit: ["*"], valueBack: false },
        title: `${contract}: bounced ${other}.${f.name} from a stranger`,
      });
    }
  }
  return rows;
}

/** All rows for the given ABIs (every function × applicable class, plus one unknown-id row per contract). */
export function generateMatrix(abis: Record<MatrixContract, ContractAbi>): MatrixRow[] {
  const rows: MatrixRow[] = [];
  for (const c of MATRIX_CONTRACTS) {
    for (const f of abis[c].functions) rows.push(...rowsOfFunction(c, f));
    rows.push({ contract: c, fn: "*", cls: "unknownFunction", caller: "anyone", expect: reject("UNKNOWN_FUNCTION"), title: `${c}: unknownFunction` });
    rows.push(...bounceRows(c, abis));
  }
  return rows;
}

/** Which classes apply to a function (for the coverage report). */
export function classesOf(rows: MatrixRow[], contract: string, fn: string): BadInputClass[] {
  return [...new Set(rows.filter((r) => r.contract === contract && r.fn === fn && r.cls !== "bouncedReply").map((r) => r.cls))];
}
