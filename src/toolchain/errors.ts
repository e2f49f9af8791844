/**
 * The error registry `contracts/errors.json` is the one table of contract error codes.
 * From it the build generates the Tolk constants, the TypeScript table and docs/errors.md.
 */
import fs from "fs";

export interface ErrorDef {
  code: number;
  name: string;
  contract: string;
  doc: string;
}
export interface ErrorRegistry {
  ranges: Record<string, [number, number]>;
  errors: ErrorDef[];
}

export function loadErrorRegistry(path: string): ErrorRegistry {
  const reg = JSON.parse(fs.readFileSync(path, "utf8")) as ErrorRegistry;
  const seenCode = new Map<number, string>();
  const seenName = new Set<string>();
  for (const e of reg.errors) {
    const range = reg.ranges[e.contract];
    if (!range) throw new Error(`errors.json: ${e.name}: unknown contract "${e.contract}"`);
    if (e.code < range[0] || e.code > range[1]) throw new Error(`errors.json: ${e.name} = ${e.code} is outside ${e.contract}'s range ${range.join("-")}`);
    if (seenCode.has(e.code)) throw new Error(`errors.json: code ${e.code} used by ${seenCode.get(e.code)} and ${e.name}`);
    if (seenName.has(e.name)) throw new Error(`errors.json: duplicate name ${e.name}`);
    seenCode.set(e.code, e.name);
    seenName.add(e.name);
  }
  return reg;
}

export function errorsTolk(reg: ErrorRegistry): string {
  const lines = ["// AUTO-GENERATED from contracts/errors.json by scripts/build.ts — do not edit.", "tolk 1.3", ""];
  for (const e of reg.errors) lines.push(`/// ${e.doc}\nconst ERR_${e.name} = ${e.code};`);
  return lines.join("\n") + "\n";
}

export function errorsTs(reg: ErrorRegistry): string {
  const byCode = Object.fromEntries(reg.errors.map((e) => [e.code, { name: e.name, contract: e.contract, doc: e.doc }]));
  const byName = Object.fromEntries(reg.errors.map((e) => [e.name, e.code]));
  return [
    "// AUTO-GENERATED from contracts/errors.json by scripts/build.ts — do not edit.",
    `export const ERROR_BY_CODE: Record<number, { name: string; contract: string; doc: string }> = ${JSON.stringify(byCode, null, 2)};`,
    `export const ERROR_CODE = ${JSON.stringify(byName, null, 2)} as const;`,
    `export type ErrorName = keyof typeof ERROR_CODE;`,
    "",
  ].join("\n");
}

export function errorsMarkdown(reg: ErrorRegistry): string {
  const rows = reg.errors.map((e) => `| ${e.code} | \`${e.name}\` | ${e.contract} | ${e.doc.replace(/\|/g, "\\|")} |`);
  return [
    "# Error codes",
    "",
    "Every rejected call exits with one of these codes and changes nothing (DDVS.md §7).",
    "Generated from `contracts/errors.json` by `npm run build`; a test checks this file is current.",
    "",
    "| code | name | contract | meaning |",
    "|---:|---|---|---|",
    ...rows,
    "",
  ].join("\n");
}
