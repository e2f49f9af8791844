/**
 * Contract errors by name: compute-phase exit codes of DDVS contracts mapped to the names of
 * `contracts/errors.json` (build/errors.ts), and the first failure found in a transaction cascade.
 */
import { ERROR_BY_CODE, ERROR_CODE } from "../../build/errors";

/** TVM's own exit codes (not contract errors). */
const TVM_CODES: Record<number, string> = {
  0: "OK",
  1: "OK",
  2: "STACK_UNDERFLOW",
  3: "STACK_OVERFLOW",
  4: "INTEGER_OVERFLOW",
  5: "RANGE_CHECK",
  6: "INVALID_OPCODE",
  7: "TYPE_CHECK",
  8: "CELL_OVERFLOW",
  9: "CELL_UNDERFLOW",
  10: "DICTIONARY_ERROR",
  13: "OUT_OF_GAS",
  [-14]: "OUT_OF_GAS",
  37: "NOT_ENOUGH_BALANCE",
  38: "NOT_ENOUGH_EXTRA",
  40: "ACTION_FAILED",
};

/** Name of an exit code: the contract error name (e.g. `TERM_NOT_OVER`), a TVM name, or `EXIT_<n>`. */
export function errorName(code: number): string {
  return ERROR_BY_CODE[code]?.name ?? TVM_CODES[code] ?? `EXIT_${code}`;
}

/** The documented meaning of a contract error code, if any. */
export function errorDoc(code: number): string | undefined {
  return ERROR_BY_CODE[code]?.doc;
}

/** Code of a named contract error (throws on an unknown name). */
export function errorCode(name: keyof typeof ERROR_CODE): number {
  const c = ERROR_CODE[name];
  if (c === undefined) throw new Error(`unknown error name ${name}`);
  return c;
}

/** A failed contract call: the first failing transaction of the cascade, by name. */
export class ContractError extends Error {
  constructor(
    /** Exit code of the failing compute phase (or action phase result code). */
    readonly code: number,
    /** What was called, e.g. `DElectorConfig.endTerm on -1`. */
    readonly call: string,
    /** Address of the account whose transaction failed. */
    readonly account?: string,
  ) {
    super(`${call} failed: ${errorName(code)} (${code})${errorDoc(code) ? " — " + errorDoc(code) : ""}`);
    this.name = "ContractError";
  }
  /** The error's name (`TERM_NOT_OVER`…). */
  get errorName(): string {
    return errorName(this.code);
  }
}

/** Minimal view of a transaction as everscale-inpage-provider returns it. */
export interface TxLike {
  aborted: boolean;
  exitCode?: number;
  resultCode?: number;
  /** account status before the transaction (`nonexist`, `uninit`, `active`, `frozen`) */
  origStatus?: string;
  inMessage: { dst?: { toString(): string } | string; body?: string; bounce?: boolean };
}

/**
 * A non-bounceable transfer to an account without code (the burn address `0:0…0`, a withdrawal
 * sink): the transaction is "aborted" only because there is no code to run (compute phase
 * skipped); the coins arrived as intended. Not a failure.
 */
export function isPlainTransferToNoCode(tx: TxLike): boolean {
  return tx.aborted && tx.exitCode === undefined && tx.inMessage?.bounce === false && (tx.origStatus === "nonexist" || tx.origStatus === "uninit");
}

/**
 * First aborted transaction among `txs` (in order), as `{ code, account }`; undefined when none aborted.
 * The code is the compute exit code, else the action result code.
 */
export function firstFailure(txs: readonly TxLike[]): { code: number; account?: string; index: number } | undefined {
  for (let index = 0; index < txs.length; index++) {
    const tx = txs[index];
    if (isPlainTransferToNoCode(tx)) continue;
    if (tx.aborted || (tx.exitCode !== undefined && tx.exitCode !== 0 && tx.exitCode !== 1)) {
      const code = tx.exitCode !== undefined && tx.exitCode !== 0 && tx.exitCode !== 1 ? tx.exitCode : tx.resultCode ?? -1;
      const dst = tx.inMessage?.dst;
      return { code, account: dst === undefined ? undefined : String(dst), index };
    }
  }
  return undefined;
}

let fnNames: Map<number, string> | undefined;
/** `Contract.function` of a DDVS function id (internal message opcode), or undefined. */
export function functionNameById(id: number): string | undefined {
  if (!fnNames) {
    fnNames = new Map();
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { loadAbi, functionId } = require("../toolchain/abi");
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const fs = require("fs"), path = require("path");
    for (const c of ["DElectorConfig", "DePoolRoot", "DePoolWallet"]) {
      const abi = loadAbi(fs.readFileSync(path.join(__dirname, "..", "..", "contracts", `${c}.abi.json`), "utf8"));
      for (const f of abi.functions) fnNames.set(functionId(f), `${c}.${f.name}`);
    }
  }
  return fnNames.get(id >>> 0);
}
