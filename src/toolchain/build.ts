/**
 * The contract build: ABI 2.4 JSON + hand-written Tolk -> locklift artifacts.
 *
 * For every `contracts/<Name>.abi.json` with an entry `contracts/<Name>/<Name>.tolk`:
 *   build/gen/<Name>.tolk     generated declarations (see tolkgen.ts)
 *   build/<Name>.abi.json     the ABI locklift and nekoton use
 *   build/<Name>.base64       the TVC (code in a StateInit) locklift's factory loads
 *   build/<Name>.code.boc     the code cell, base64
 * plus build/gen/errors.tolk, build/errors.ts, docs/errors.md from contracts/errors.json,
 * and build/factorySource.ts from locklift's own type generator.
 * The elector is compiled first: its account hash on the network of `config/network.dev.json`
 * (or `$DDVS_NETWORK`) becomes build/gen/network.tolk (`ELECTOR_ADDRESS_HASH`, `NETWORK_ID`),
 * which the root compiles in (network.ts, docs/deployment.md).
 */
import fs from "fs";
import path from "path";
import { runTolkCompiler } from "@ton/tolk-js";
import * as nt from "nekoton-wasm";
import { typeGenerator } from "locklift/internal/generators";
import { loadAbi } from "./abi";
import { generateTolk } from "./tolkgen";
import { findForbiddenInstructions } from "./compat";
import { errorsMarkdown, errorsTolk, errorsTs, loadErrorRegistry } from "./errors";
import { electorAddressHash, loadNetwork, networkFilePath, networkTolk } from "./network";

/** The contract whose account hash the others compile in (build/gen/network.tolk): built first. */
const ELECTOR = "DElectorConfig";

export interface BuildResult {
  name: string;
  codeHash: string;
  codeBoc64: string;
}

function writeIfChanged(file: string, contents: string) {
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === contents) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, contents);
}

/** Turns tolk-js diagnostics into `file:line:col: message` lines relative to the repo. */
function formatCompilerError(root: string, message: string): string {
  return message.split(root + "/").join("");
}

export async function buildAll(root: string, log: (s: string) => void = console.log): Promise<BuildResult[]> {
  const contractsDir = path.join(root, "contracts");
  const buildDir = path.join(root, "build");
  const genDir = path.join(buildDir, "gen");
  fs.mkdirSync(genDir, { recursive: true });

  const reg = loadErrorRegistry(path.join(contractsDir, "errors.json"));
  writeIfChanged(path.join(genDir, "errors.tolk"), errorsTolk(reg));
  writeIfChanged(path.join(buildDir, "errors.ts"), errorsTs(reg));
  writeIfChanged(path.join(root, "docs", "errors.md"), errorsMarkdown(reg));

  const names = fs
    .readdirSync(contractsDir)
    .filter((f) => f.endsWith(".abi.json"))
    .map((f) => f.slice(0, -".abi.json".length))
    .sort((a, b) => (a === ELECTOR ? -1 : b === ELECTOR ? 1 : a.localeCompare(b)));
  const net = loadNetwork(networkFilePath(root));
  // generate every contract's declarations first: contracts import each other's messages
  for (const name of names) {
    const abiPath = `contracts/${name}.abi.json`;
    const abi = loadAbi(fs.readFileSync(path.join(root, abiPath), "utf8"));
    writeIfChanged(path.join(genDir, `${name}.tolk`), generateTolk(name, abi, abiPath));
  }
  const results: BuildResult[] = [];
  const failures: string[] = [];
  for (const name of names) {
    const entry = path.join(contractsDir, name, `${name}.tolk`);
    if (!fs.existsSync(entry)) {
      failures.push(`contracts/${name}/${name}.tolk: missing entry file for contracts/${name}.abi.json`);
      continue;
    }
    const res = await runTolkCompiler({
      entrypointFileName: entry,
      fsReadCallback: (p) => fs.readFileSync(p, "utf8"),
      pathMappings: { "@contracts": contractsDir, "@gen": genDir },
      optimizationLevel: 2,
    });
    if (res.status === "error") {
      failures.push(`${name}: ${formatCompilerError(root, res.message)}`);
      continue;
    }
    const bad = findForbiddenInstructions(res.fiftCode);
    if (bad.length) {
      const list = [...new Set(bad.map((b) => `${b.instruction} (in ${b.proc})`))].join(", ");
      failures.push(`${name}: uses instructions Everscale's VM does not have: ${list}. Use contracts/lib/everscale.tolk instead.`);
      continue;
    }
    const tvc = nt.codeToTvc(res.codeBoc64);
    fs.copyFileSync(path.join(contractsDir, `${name}.abi.json`), path.join(buildDir, `${name}.abi.json`));
    writeIfChanged(path.join(buildDir, `${name}.base64`), tvc.boc);
    writeIfChanged(path.join(buildDir, `${name}.code.boc`), res.codeBoc64);
    results.push({ name, codeHash: res.codeHashHex, codeBoc64: res.codeBoc64 });
    log(`  ${name.padEnd(16)} code hash ${res.codeHashHex.toLowerCase()}`);
    if (name === ELECTOR) {
      const abiJson = fs.readFileSync(path.join(contractsDir, `${name}.abi.json`), "utf8");
      const hash = electorAddressHash(res.codeBoc64, abiJson, net);
      writeIfChanged(path.join(genDir, "network.tolk"), networkTolk(net, hash, res.codeHashHex));
      log(`  ${"network".padEnd(16)} ${net.name} (networkId ${net.networkId}): ELECTOR_ADDRESS_HASH ${hash}`);
    }
  }
  if (failures.length) throw new Error(`build failed:\n${failures.join("\n")}`);
  typeGenerator(buildDir);
  return results;
}
