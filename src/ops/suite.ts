/**
 * A DDVS suite on a network: one DElectorConfig per chain (masterchain −1 and workchains).
 * `SuiteFile` is what `ddvs deploy` writes and every other command reads (default
 * `.ddvs/<network>.suite.json`): `{ network, networkId, chains, electors: { "<chain>": "<address>" }, deployedAt }`.
 *
 * Deployment itself is src/deploy's job (root branch); until it is merged `deploySuite` falls back
 * to a minimal deployment of the electors with the seed's constants (docs/messages.md §1).
 */
import fs from "fs";
import path from "path";
import { REPO_ROOT } from "./network";

export interface SuiteFile {
  network: string;
  networkId: number;
  /** chain ids, masterchain first */
  chains: number[];
  /** chain id → elector address */
  electors: Record<string, string>;
  /** unix seconds */
  deployedAt: number;
}

export function defaultSuitePath(network: string): string {
  return path.join(REPO_ROOT, ".ddvs", `${network}.suite.json`);
}

export function saveSuite(file: string, s: SuiteFile): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(s, null, 2) + "\n");
}

/** Reads a suite file; throws a message naming the file and `ddvs deploy` when it is missing or malformed. */
export function loadSuite(file: string): SuiteFile {
  if (!fs.existsSync(file)) throw new Error(`no DDVS suite at ${file}: run \`ddvs deploy\` first (or pass --suite FILE)`);
  const s = JSON.parse(fs.readFileSync(file, "utf8")) as SuiteFile;
  if (!Array.isArray(s.chains) || typeof s.electors !== "object" || !s.chains.every((c) => typeof s.electors[String(c)] === "string"))
    throw new Error(`${file}: not a DDVS suite file`);
  return s;
}
