/** `ddvs elect --onchain` as a user runs it: the contracts' answer printed exactly as the reference's. */
import { expect } from "chai";
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { keyOf } from "../../src/model";

const BIN = path.resolve(__dirname, "../../bin/ddvs");

describe("cli: ddvs elect --onchain", function () {
  this.timeout(300000);
  it("prints the same JSON as the reference for the spec's tie-at-the-cut vector", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-elect-onchain-"));
    const cands = [5000, 4900, 4800, 4800, 10].map((d, i) => ({ key: keyOf(`cli-v${i}`), deposit: "10000000000", delegation: String(BigInt(d) * 1_000_000_000n), order: i % 2 }));
    const params = { maxValidators: 3, minValidators: 2, delegationThreshold: "1000000000000", minDeposit: "10000000000" };
    fs.writeFileSync(path.join(dir, "c.json"), JSON.stringify(cands));
    fs.writeFileSync(path.join(dir, "p.json"), JSON.stringify(params));
    const args = ["elect", "--candidates", path.join(dir, "c.json"), "--params", path.join(dir, "p.json"), "--json"];
    const ref = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
    const chain = spawnSync(process.execPath, [BIN, ...args, "--onchain", "--quiet"], { encoding: "utf8", timeout: 240000 });
    expect(ref.status).to.equal(0);
    expect(chain.status, chain.stderr).to.equal(0);
    expect(JSON.parse(chain.stdout)).to.deep.equal(JSON.parse(ref.stdout));
    expect(JSON.parse(chain.stdout).elected.map((e: { key: string }) => e.key)).to.deep.equal([cands[0].key, cands[1].key]);
  });
});
