/** The network commands as a user runs them: help, input checks before any network, named errors, exit codes. */
import { expect } from "chai";
import { spawnSync } from "child_process";
import path from "path";

const BIN = path.resolve(__dirname, "../../../bin/ddvs");
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", timeout: 60000 });

describe("cli: network commands", function () {
  this.timeout(300000); // each case is a process start (ts-node), slow on a loaded machine

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

  // every CLI error: one line `ddvs: … (NAME)` on stderr, no stack trace, nothing on stdout, exit ≠ 0
  const oneNamedLine = (r: ReturnType<typeof run>, name: string, what: RegExp) => {
    expect(r.status, r.stderr).to.equal(1);
    expect(r.stdout).to.equal("");
    const lines = r.stderr.split("\n").filter((l) => l.startsWith("ddvs: ") || /^\s+at /.test(l));
    expect(lines, r.stderr).to.have.length(1);
    expect(lines[0]).to.match(what);
    expect(lines[0]).to.contain(`(${name})`);
  };
  const ROOT = "0:" + "ab".repeat(32);
  const KEY = "cd".repeat(32);

  it("a malformed amount is BAD_ARGUMENT for every amount option, before any network", () => {
    const cases: [string[], string][] = [
      [["staker", "stake", "--root", ROOT, "--amount", "bad"], "--amount"],
      [["staker", "deposit", "--root", ROOT, "--amount", "-1"], "--amount"],
      [["staker", "unlock", "--root", ROOT, "--amount", "1.0000000001"], "--amount"],
      [["staker", "withdraw", "--root", ROOT, "--amount", "1e9"], "--amount"],
      [["validator", "nominate", "--root", ROOT, "--deposit", "ten", "--signing-key", KEY], "--deposit"],
      [["validator", "deploy-root", "--key", KEY, "--chain", "0", "--min-stake", "x"], "--min-stake"],
      [["validator", "deploy-root", "--key", KEY, "--chain", "0", "--capacity", "1,5"], "--capacity"],
    ];
    for (const [args, opt] of cases) {
      const t0 = Date.now();
      const r = run(...args);
      oneNamedLine(r, "BAD_ARGUMENT", new RegExp(`^ddvs: ${opt}: not an amount: `));
      expect(r.stderr, args.join(" ")).to.not.match(/Locklift network/); // refused before opening a network
      expect(Date.now() - t0).to.be.lessThan(30000);
    }
  });

  it("malformed addresses, keys, integers and values are BAD_ARGUMENT", () => {
    oneNamedLine(run("staker", "stake", "--root", "0:12", "--amount", "1"), "BAD_ARGUMENT", /^ddvs: --root: expected an address/);
    oneNamedLine(run("staker", "withdraw", "--wallet", ROOT, "--amount", "1", "--to", "nowhere"), "BAD_ARGUMENT", /^ddvs: --to: expected an address/);
    oneNamedLine(run("validator", "nominate", "--root", ROOT, "--deposit", "1", "--signing-key", "xyz"), "BAD_ARGUMENT", /^ddvs: --signing-key: expected 64 hex/);
    oneNamedLine(run("validator", "set-commission", "--root", ROOT, "--commission", "1001"), "BAD_ARGUMENT", /^ddvs: --commission: expected an integer in 0\.\.1000/);
    oneNamedLine(run("validator", "propose", "--root", ROOT, "--param", "MAX_NUM_OF_VALIDATORS", "--value", "-5"), "BAD_ARGUMENT", /^ddvs: --value: expected a non-negative integer/);
    oneNamedLine(run("demo", "--slash-rate", "5000"), "BAD_ARGUMENT", /^ddvs: --slash-rate: expected an integer in 0\.\.1000/);
    oneNamedLine(run("demo", "--limit", "0"), "BAD_ARGUMENT", /^ddvs: --limit: expected an integer in 1\.\.187/);
  });

  it("a well-formed root address with no contract behind it is named, without a stack trace", () => {
    const r = run("staker", "stake", "--root", ROOT, "--amount", "1");
    oneNamedLine(r, "BAD_ARGUMENT", /^ddvs: no deployed contract at an address given/);
  });
});
