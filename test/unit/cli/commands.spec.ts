/** The network commands as a user runs them: help, input checks before any network, named errors, exit codes. */
import { expect } from "chai";
import { spawnSync } from "child_process";
import path from "path";

const BIN = path.resolve(__dirname, "../../../bin/ddvs");
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60000 });

describe("cli: network commands", function () {
  this.timeout(120000);

  it("lists every command", () => {
    const r = run("--help");
    expect(r.status).to.equal(0);
    for (const c of ["node", "elect", "demo", "deploy", "status", "keeper", "validator", "staker"]) expect(r.stdout).to.match(new RegExp(`^  ${c}\\b`, "m"));
    const v = run("validator", "--help");
    for (const c of ["deploy-root", "nominate", "vote", "propose", "set-commission"]) expect(v.stdout).to.contain(c);
    const s = run("staker", "--help");
    for (const c of ["deploy-wallet", "deposit", "stake", "unlock", "withdraw", "claim"]) expect(s.stdout).to.contain(c);
  });

  it("every network command takes --network, --endpoint and --json", () => {
    for (const c of [["deploy"], ["status"], ["keeper"], ["validator", "vote"], ["staker", "stake"]]) {
      const h = run(...c, "--help").stdout;
      for (const o of ["--network <name>", "--endpoint <url>", "--json"]) expect(h, `${c.join(" ")} ${o}`).to.contain(o);
    }
  });

  it("rejects a chain list without the masterchain", () => {
    const r = run("deploy", "--chains", "0,1");
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/^ddvs: a multi-chain suite needs the masterchain -1/m);
  });

  it("rejects an unknown config parameter and an elector-only one by name", () => {
    const a = run("validator", "propose", "--root", "0:" + "1".repeat(64), "--param", "BOGUS", "--value", "1");
    expect(a.status).to.equal(1);
    expect(a.stderr).to.match(/unknown config parameter BOGUS/);
    const b = run("validator", "propose", "--root", "0:" + "1".repeat(64), "--param", "VALIDATOR_SET", "--value", "1");
    expect(b.status).to.equal(1);
    expect(b.stderr).to.match(/NOT_PROPOSABLE/);
  });

  it("rejects a malformed proposal id and key", () => {
    const a = run("validator", "vote", "--root", "0:" + "1".repeat(64), "--proposal", "x");
    expect(a.status).to.equal(1);
    expect(a.stderr).to.match(/bad proposal id/);
    const b = run("validator", "deploy-root", "--key", "xyz", "--chain", "0");
    expect(b.status).to.equal(1);
    expect(b.stderr).to.match(/--key: expected 64 hex/);
  });

  it("a command without a suite says how to get one", () => {
    const r = run("status", "--suite", "/nonexistent/suite.json", "--json");
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/no DDVS suite at \/nonexistent\/suite\.json: run `ddvs deploy` first/);
    expect(r.stdout).to.equal("");
  });

  it("an unknown network is named", () => {
    const r = run("status", "--network", "nowhere");
    expect(r.status).to.equal(1);
    expect(r.stderr).to.match(/unknown network nowhere/);
  });
});
