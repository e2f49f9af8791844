/**
 * Which chain specs `npm run test:node` runs against a `ddvs node`.
 *
 * Every `*.spec.ts` under the given folders, except specs that reach into the embedded
 * network's in-process executor (`locklift.network.proxyNetwork`, `_executor`), directly or
 * through a module they import. In a locklift process on the `node` network that executor
 * exists but is empty and unrelated to the node, so such a spec would read nothing (or
 * wrong state) there. A module whose executor access has a node route says so with the
 * marker comment `ddvs:network-aware` and is not searched (test/helpers/emulator.ts). The
 * embedded-only specs still run in `npm run test:chain`; each is reported with the module
 * that makes it embedded-only.
 */
import * as fs from "fs";
import * as path from "path";

/** Marks a module whose executor access has a node route. */
const NETWORK_AWARE = "ddvs:network-aware";
/** What makes a module embedded-only. */
const EMBEDDED_ONLY = /\bproxyNetwork\b|\b_executor\b/;
/** Relative imports: `from "./x"`, `import("../y")`, `require("./z")`. */
const IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

export type SuiteSelection = {
  /** Specs to run on the node, repo-relative, sorted. */
  run: string[];
  /** Embedded-only specs: spec -> the module (repo-relative) that reaches into the executor. */
  embeddedOnly: Record<string, string>;
};

function resolveModule(from: string, spec: string): string | undefined {
  const base = path.resolve(path.dirname(from), spec);
  for (const f of [base, `${base}.ts`, path.join(base, "index.ts")]) {
    if (fs.existsSync(f) && fs.statSync(f).isFile()) return f;
  }
  return undefined;
}

/** The first module reachable from `file` (itself included) that is embedded-only, or undefined. */
export function embeddedOnlyVia(file: string, seen = new Set<string>()): string | undefined {
  if (seen.has(file)) return undefined;
  seen.add(file);
  if (!file.endsWith(".ts")) return undefined;
  const text = fs.readFileSync(file, "utf8");
  if (text.includes(NETWORK_AWARE)) return undefined;
  if (EMBEDDED_ONLY.test(text)) return file;
  for (const m of text.matchAll(IMPORT)) {
    const dep = resolveModule(file, m[1]);
    const via = dep && embeddedOnlyVia(dep, seen);
    if (via) return via;
  }
  return undefined;
}

function specsUnder(p: string): string[] {
  if (!fs.statSync(p).isDirectory()) return [p];
  return fs.readdirSync(p, { withFileTypes: true }).flatMap(e => {
    const f = path.join(p, e.name);
    if (e.isDirectory()) return specsUnder(f);
    return e.name.endsWith(".spec.ts") ? [f] : [];
  });
}

/** Splits the specs under `targets` (files or folders, repo-relative) into node-runnable and embedded-only. */
export function selectNodeSuite(repo: string, targets: string[]): SuiteSelection {
  const run: string[] = [];
  const embeddedOnly: Record<string, string> = {};
  for (const spec of targets.flatMap(t => specsUnder(path.resolve(repo, t))).sort()) {
    const rel = path.relative(repo, spec);
    const via = embeddedOnlyVia(spec);
    if (via) embeddedOnly[rel] = path.relative(repo, via);
    else run.push(rel);
  }
  return { run, embeddedOnly };
}
