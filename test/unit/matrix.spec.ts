/** The bad-input matrix covers every ABI function with every applicable class (src/fuzz/matrix.ts). */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { loadAbi, ContractAbi } from "../../src/toolchain/abi";
import { classesOf, generateMatrix, MATRIX_CONTRACTS, MatrixContract } from "../../src/fuzz/matrix";
import { POLICY, policyOf } from "../../src/fuzz/matrixPolicy";

const abis = Object.fromEntries(
  MATRIX_CONTRACTS.map((c) => [c, loadAbi(fs.readFileSync(path.resolve(__dirname, `../../contracts/${c}.abi.json`), "utf8"))]),
) as Record<MatrixContract, ContractAbi>;

describe("bad-input matrix generator", () => {
  const rows = generateMatrix(abis);

  it("every function of every contract has rows, including malformed body and a wrong signature", () => {
    for (const c of MATRIX_CONTRACTS) {
      for (const f of abis[c].functions) {
        const cls = classesOf(rows, c, f.name);
        expect(cls, `${c}.${f.name}`).to.include("wrongSignature");
        // only a self continuation with a documented tail skips the trailing-bits class
        if (!policyOf(c, f.name).tail) expect(cls, `${c}.${f.name}`).to.include("extraBits");
        else expect(policyOf(c, f.name).caller, `${c}.${f.name}`).to.equal("self");
        if (f.inputs.length) expect(cls, `${c}.${f.name}`).to.include("truncatedBody");
      }
    }
  });

  it("restricted functions get forged-sender rows, documented minimum values get low-value rows", () => {
    for (const c of MATRIX_CONTRACTS) {
      for (const f of abis[c].functions) {
        const p = policyOf(c, f.name);
        const cls = classesOf(rows, c, f.name);
        if (p.caller !== "anyone" && f.name !== "constructor") expect(cls, `${c}.${f.name}`).to.include("forgedSender");
        if (p.minValue && f.name !== "constructor") expect(cls, `${c}.${f.name}`).to.include("lowValue");
      }
    }
  });

  it("a function added to an ABI is covered at once with the default policy", () => {
    const extended = { ...abis, DePoolRoot: { ...abis.DePoolRoot, functions: [...abis.DePoolRoot.functions, { name: "brandNew", inputs: [{ name: "x", type: "uint32" }], outputs: [] }] } };
    const cls = classesOf(generateMatrix(extended), "DePoolRoot", "brandNew");
    expect(cls).to.include.members(["forgedSender", "wrongSignature", "truncatedBody", "extraBits"]);
  });

  it("the policy table names only functions of the ABIs", () => {
    for (const [c, fns] of Object.entries(POLICY)) {
      const names = abis[c as MatrixContract].functions.map((f) => f.name);
      for (const fn of Object.keys(fns)) expect(names, `${c}.${fn}`).to.include(fn);
    }
  });

  it("bounced replies are generated for the messages each contract sends", () => {
    const walletBounces = rows.filter((r) => r.contract === "DePoolWallet" && r.cls === "bouncedReply").map((r) => r.fn);
    expect(walletBounces).to.include.members(["requestStake", "revoke", "redelegate", "claimReward"]);
    const rootBounces = rows.filter((r) => r.contract === "DePoolRoot" && r.cls === "bouncedReply").map((r) => `${r.bouncedFrom}.${r.fn}`);
    expect(rootBounces).to.include.members(["DePoolWallet.lock", "DElectorConfig.delegate", "DElectorConfig.nominate"]);
  });
});
