/**
 * Every getter an ABI declares is implemented by its contract: a `get fun <name>` in one of the
 * contract's Tolk files. A missing one compiles fine but makes nekoton's getter call fail with
 * TvmException 11 (method not found) at run time, so it is caught here, before any chain test.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";

const contractsDir = path.resolve(__dirname, "../../../contracts");

function contractSources(name: string): string {
  const dir = path.join(contractsDir, name);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".tolk"))
    .map((f) => fs.readFileSync(path.join(dir, f), "utf8"))
    .join("\n");
}

describe("toolchain: every ABI getter is implemented", () => {
  const abis = fs.readdirSync(contractsDir).filter((f) => f.endsWith(".abi.json"));
  it("finds the contracts' ABIs", () => {
    expect(abis).to.include.members(["DePoolWallet.abi.json", "DePoolRoot.abi.json", "DElectorConfig.abi.json"]);
  });
  for (const file of abis) {
    const name = file.replace(/\.abi\.json$/, "");
    it(`${name}: a get fun for each getter of ${file}`, () => {
      const abi = JSON.parse(fs.readFileSync(path.join(contractsDir, file), "utf8"));
      const src = contractSources(name);
      const missing = ((abi.getters ?? []) as { name: string }[])
        .map((g) => g.name)
        .filter((g) => !new RegExp(`get\\s+fun\\s+${g}\\s*\\(`).test(src));
      expect(missing, `getters declared in ${file} without a get fun`).to.deep.equal([]);
    });
  }
});
