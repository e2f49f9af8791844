/** `ddvs elect` as a user runs it: JSON in, JSON out, named errors and non-zero exit on bad input. */
import { expect } from "chai";
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { elect, keyOf, parseCandidates, parseElectionParams } from "../../../src/model";

const BIN = path.resolve(__dirname, "../../../bin/ddvs");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-elect-"));
const write = (name: string, v: unknown) => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, typeof v === "string" ? v : JSON.stringify(v));
  return f;
};
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

describe("cli: ddvs elect", function () {
  this.timeout(60000);
  const cands = [5000, 4900, 4800, 4800].map((d, i) => ({ key: keyOf(`v${i}`), deposit: "10000", delegation: String(d), order: i }));
  const params = { maxValidators: 3, minValidators: 2, delegationThreshold: "1000", minDeposit: "10000" };

  it("prints the elected set in rank order (the spec's tie-at-the-cut vector)", () => {
    const r = run("elect", "--candidates", write("c.json", cands), "--params", write("p.json", params), "--json");
    expect(r.status).to.equal(0);
    const out = JSON.parse(r.stdout);
    expect(out.elected).to.deep.equal([
      { key: cands[0].key, votingPower: "5000" },
      { key: cands[1].key, votingPower: "4900" },
    ]);
    // the same as the library call
    const lib = elect(parseCandidates(cands), parseElectionParams(params)).map((e) => ({ key: e.key, votingPower: e.votingPower.toString() }));
    expect(out.elected).to.deep.equal(lib);
  });

  it("rejects a malformed candidate with a named error and exit code 2", () => {
    const r = run("elect", "--candidates", write("bad.json", [{ ...cands[0], key: "xyz" }]));
    expect(r.status).to.equal(2);
    expect(r.stderr).to.match(/^ddvs: .*key/m);
    expect(r.stdout).to.equal("");
  });

  it("rejects an unreadable file with exit code 1", () => {
    const r = run("elect", "--candidates", path.join(tmp, "missing.json"));
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/cannot read candidates file/);
  });
});
