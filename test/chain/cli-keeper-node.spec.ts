/**
 * The CLI against a persistent `ddvs node` (--endpoint): deploy writes the suite, the keeper does
 * nothing before the term end, closes every chain once after it (the node's time moved with
 * ddvs_increaseTime), and a second keeper process (double run / restart) sends nothing more;
 * status shows the closed phase. Each command is a separate process, as a user runs them.
 */
import { expect } from "chai";
import { spawnSync } from "child_process";
import fs from "fs";
import os from "os";
import path from "path";
import { spawnNode, NodeProcess } from "../../src/node/spawn";
import { increaseTime } from "../../src/node/client";

const BIN = path.resolve(__dirname, "../../bin/ddvs");
const ddvs = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 240000 });

describe("cli: deploy, keeper and status on a ddvs node", function () {
  this.timeout(600000);
  let node: NodeProcess;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-cli-node-"));
  before(async () => {
    node = await spawnNode(["--port", "0", "--data", path.join(dir, "node"), "--quiet"]);
  });
  after(async () => {
    await node?.stop("SIGTERM");
  });

  it("closes each chain's term once, across two keeper processes", async () => {
    const common = ["--endpoint", node.url, "--suite", path.join(dir, "suite.json")];
    const dep = ddvs("deploy", ...common, "--json");
    expect(dep.status, dep.stderr).to.equal(0);
    const suite = JSON.parse(dep.stdout);
    expect(Object.keys(suite.electors).sort()).to.deep.equal(["-1", "0", "1", "2"]);

    const state = path.join(dir, "keeper.json");
    const early = ddvs("keeper", "--once", "--json", "--state", state, ...common);
    expect(early.status, early.stderr).to.equal(0);
    expect(JSON.parse(early.stdout).actions).to.deep.equal([]);

    await increaseTime(node.url, 3600);
    const k1 = ddvs("keeper", "--once", "--json", "--state", state, ...common);
    expect(k1.status, k1.stderr).to.equal(0);
    const a1 = JSON.parse(k1.stdout).actions;
    expect(a1.map((a: { kind: string; chain: number }) => `${a.kind}:${a.chain}`)).to.deep.equal(["endTerm:0", "endTerm:1", "endTerm:2", "endTerm:-1"]);

    // a second keeper with its own (empty) state: the chains say nothing is due
    const k2 = ddvs("keeper", "--once", "--json", "--state", path.join(dir, "other.json"), ...common);
    expect(k2.status, k2.stderr).to.equal(0);
    expect(JSON.parse(k2.stdout).actions.filter((a: { kind: string }) => a.kind === "endTerm")).to.deep.equal([]);

    const st = ddvs("status", "--json", ...common);
    expect(st.status, st.stderr).to.equal(0);
    const chains = JSON.parse(st.stdout).chains as { chain: number; termId: number; phase: string }[];
    for (const c of chains) expect(c.termId === 2 || c.phase !== "Running", `chain ${c.chain}`).to.equal(true);
  });
});
