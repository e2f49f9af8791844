/** Units, error names, config params, network option resolution, the worker pool. */
import { expect } from "chai";
import { formatEver, keyHex, parseEver } from "../../../src/ops/units";
import { errorName, firstFailure, ContractError } from "../../../src/ops/errors";
import { ERROR_CODE } from "../../../build/errors";
import { paramId, paramName, parseProposalId, PROPOSABLE } from "../../../src/ops/params";
import { resolveNetwork } from "../../../src/ops/network";
import { runPool } from "../../../src/ops/pool";

describe("ops: units", () => {
  it("formats and parses amounts exactly", () => {
    expect(formatEver(1_234_567_890_123n)).to.equal("1,234.567890123");
    expect(formatEver(-5_000_000_000n)).to.equal("-5");
    expect(formatEver(1_999_999_999n, { decimals: 3 })).to.equal("1.999");
    expect(parseEver("12.5")).to.equal(12_500_000_000n);
    expect(parseEver("12.5ever")).to.equal(12_500_000_000n);
    expect(parseEver("7n")).to.equal(7n);
    expect(parseEver("0.000000001")).to.equal(1n);
    for (const bad of ["-1", "1.0000000001", "abc", ""]) expect(() => parseEver(bad), bad).to.throw(/not an amount/);
  });
  it("normalises keys to 64 hex", () => {
    expect(keyHex(255n)).to.equal("0".repeat(62) + "ff");
    expect(keyHex("0x" + "a".repeat(64))).to.equal("a".repeat(64));
    expect(keyHex("10")).to.equal("0".repeat(63) + "a");
  });
});

describe("ops: contract error names", () => {
  it("maps exit codes to the error table's names", () => {
    expect(errorName(ERROR_CODE.TERM_NOT_OVER)).to.equal("TERM_NOT_OVER");
    expect(errorName(13)).to.equal("OUT_OF_GAS");
    expect(errorName(65000)).to.equal("EXIT_65000");
    const e = new ContractError(ERROR_CODE.LOW_VALUE, "DElectorConfig.endTerm on 0");
    expect(e.message).to.match(/^DElectorConfig\.endTerm on 0 failed: LOW_VALUE \(109\)/);
    expect(e.errorName).to.equal("LOW_VALUE");
  });
  it("finds the first failing transaction of a cascade", () => {
    const ok = { aborted: false, exitCode: 0, inMessage: { dst: "0:1" } };
    const bad = { aborted: true, exitCode: ERROR_CODE.NOT_AUTHORIZED, inMessage: { dst: "0:2" } };
    const act = { aborted: true, exitCode: 0, resultCode: 37, inMessage: { dst: "0:3" } };
    expect(firstFailure([ok])).to.equal(undefined);
    expect(firstFailure([ok, bad, act])).to.deep.equal({ code: ERROR_CODE.NOT_AUTHORIZED, account: "0:2", index: 1 });
    expect(firstFailure([ok, act])).to.deep.equal({ code: 37, account: "0:3", index: 1 });
  });
  it("a non-bounceable transfer to an account without code (burn, sink) is not a failure; a bounceable one is", () => {
    const ok = { aborted: false, exitCode: 0, inMessage: { dst: "0:1" } };
    const burn = { aborted: true, origStatus: "nonexist", inMessage: { dst: "0:" + "0".repeat(64), bounce: false } };
    const toMissing = { aborted: true, origStatus: "nonexist", inMessage: { dst: "0:4", bounce: true } };
    expect(firstFailure([ok, burn])).to.equal(undefined);
    expect(firstFailure([ok, burn, toMissing])).to.deep.equal({ code: -1, account: "0:4", index: 2 });
  });
});

describe("ops: config params and proposal ids", () => {
  it("names ↔ ids as in docs/messages.md §1", () => {
    expect(paramId("MAX_NUM_OF_VALIDATORS")).to.equal(5);
    expect(paramId("max_num_of_validators")).to.equal(5);
    expect(paramId("7")).to.equal(7);
    expect(paramName(8)).to.equal("MIN_DEPOSIT");
    expect(() => paramId("NOPE")).to.throw(/unknown config parameter/);
    expect(() => paramId("19")).to.throw(/unknown/);
    expect(PROPOSABLE).to.not.include("VALIDATOR_SET");
  });
  it("parses ORIGIN:SEQ", () => {
    expect(parseProposalId("-1:0")).to.deep.equal({ originChain: -1, seq: 0 });
    expect(parseProposalId(" 2:17 ")).to.deep.equal({ originChain: 2, seq: 17 });
    for (const bad of ["-1", "a:b", "-1:-2", "300:1"]) expect(() => parseProposalId(bad), bad).to.throw(/bad proposal id/);
  });
});

describe("ops: network selection", () => {
  it("embedded by default, named networks, --endpoint means a node", () => {
    expect(resolveNetwork({})).to.deep.equal({ name: "locklift" });
    expect(resolveNetwork({ network: "local" })).to.deep.equal({ name: "local" });
    expect(resolveNetwork({ endpoint: "http://127.0.0.1:9877/rpc" })).to.deep.equal({ name: "node", endpoint: "http://127.0.0.1:9877/rpc" });
    expect(() => resolveNetwork({ endpoint: "127.0.0.1:9877" })).to.throw(/http/);
    expect(() => resolveNetwork({ endpoint: "http://x", network: "testnet" })).to.throw(/--endpoint/);
  });
});

describe("ops: worker pool", () => {
  it("runs each worker's items in order, workers concurrently, results in item order", async () => {
    const log: string[] = [];
    let active = 0;
    let maxActive = 0;
    const busy = new Map<string, boolean>();
    const res = await runPool(["a", "b", "c"], [1, 2, 3, 4, 5, 6, 7], async (w, x) => {
      expect(busy.get(w)).to.not.equal(true); // one item at a time per worker
      busy.set(w, true);
      maxActive = Math.max(maxActive, ++active);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${w}${x}`);
      active--;
      busy.set(w, false);
      return x * 10;
    });
    expect(res).to.deep.equal([10, 20, 30, 40, 50, 60, 70]);
    expect(maxActive).to.equal(3);
    expect(log.filter((l) => l.startsWith("a"))).to.deep.equal(["a1", "a4", "a7"]);
  });
});
