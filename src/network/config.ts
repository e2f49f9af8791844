/**
 * Multi-workchain blockchain config for the locklift embedded network.
 *
 * The embedded network (`@broxus/locklift-network`, Tycho emulator) routes an
 * internal message only to workchains listed in blockchain config param 12
 * (`_ workchains:(HashmapE 32 WorkchainDescr) = ConfigParam 12`); a message to any
 * other workchain is dropped silently. Every shipped preset lists workchain 0 only.
 *
 * `everConfigWithWorkchains()` takes the Everscale mainnet config shipped as
 * `EVER_MAIN_CONFIG` and copies workchain 0's descriptor (a `workchain#a6` record,
 * 724 bits, stored inline in the param-12 dictionary) to every requested workchain id.
 * Nothing else changes: the config root cell keeps its own 256 bits (the config
 * contract address `0x5555…`) and its other refs; only ref 0 — the
 * `config:(Hashmap 32 ^Cell)` dictionary — is replaced, and in it only param 12.
 *
 * Shape consumed by locklift (see `internal/transport.js`, `internal/executor.js`):
 * the base64 BOC of the root cell; the executor does
 * `Cell.fromBase64(boc).asSlice().loadRef()` to get the param dictionary and nekoton
 * reads capabilities (param 8) from the root.
 *
 * Use in `locklift.config.ts`:
 * ```ts
 * networks: { locklift: { blockchainConfig: { custom: everConfigWithWorkchains() }, ... } }
 * ```
 */
import { beginCell, Builder, Cell, Dictionary, DictionaryValue, Slice } from "@ton/core";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { EVER_MAIN_CONFIG } = require("@broxus/locklift-network/internal/constants") as {
  EVER_MAIN_CONFIG: string;
};

export { EVER_MAIN_CONFIG };

/** Chains of the default DDVS network: the masterchain −1 and workchains 0, 1, 2. */
export const DEFAULT_CHAINS: readonly number[] = Object.freeze([-1, 0, 1, 2]);

/** Config param holding the workchain descriptors. */
export const WORKCHAINS_PARAM = 12;

/**
 * Dictionary value stored inline (not as a ref): the remainder of the leaf slice,
 * kept as a cell so its bits and refs can be written back unchanged.
 */
const InlineValue: DictionaryValue<Cell> = {
  serialize(src: Cell, builder: Builder) {
    builder.storeSlice(src.beginParse());
  },
  parse(src: Slice): Cell {
    return src.asCell();
  },
};

/** Config root: `(bits of root, refs)`; ref 0 is `Hashmap 32 ^Cell` keyed by param number. */
function loadParams(configBase64: string): { root: Cell; params: Dictionary<number, Cell> } {
  const root = Cell.fromBase64(configBase64);
  if (root.refs.length < 1) throw new Error("config root cell has no param dictionary ref");
  const params = root.refs[0]
    .beginParse()
    .loadDictDirect(Dictionary.Keys.Uint(32), Dictionary.Values.Cell());
  return { root, params };
}

/** Param 12 → dictionary of workchain id (int32) → descriptor cell (inline record). */
function loadWorkchains(params: Dictionary<number, Cell>): Dictionary<number, Cell> {
  const p12 = params.get(WORKCHAINS_PARAM);
  if (!p12) throw new Error("config has no param 12 (workchains)");
  return p12.beginParse().loadDict(Dictionary.Keys.Int(32), InlineValue);
}

/**
 * Workchain ids listed in param 12 of a config (base64 BOC of the config root),
 * ascending. The masterchain (−1) is never listed there.
 */
export function readWorkchains(configBase64: string): number[] {
  return loadWorkchains(loadParams(configBase64).params)
    .keys()
    .sort((a, b) => a - b);
}

/**
 * Build a config with more workchains from any config (default `EVER_MAIN_CONFIG`).
 * Each id in `workchains` (−1 is ignored: the masterchain is implicit) that param 12
 * does not list yet receives a copy of workchain 0's descriptor; listed ones are kept
 * as they are. Returns the base64 BOC of the new config root.
 */
export function configWithWorkchains(workchains: readonly number[], baseConfig = EVER_MAIN_CONFIG): string {
  const { root, params } = loadParams(baseConfig);
  const wcs = loadWorkchains(params);
  const wc0 = wcs.get(0);
  if (!wc0) throw new Error("param 12 of the base config has no workchain 0 to copy");
  for (const wc of workchains) {
    if (!Number.isInteger(wc) || wc < -(2 ** 31) || wc >= 2 ** 31) {
      throw new Error(`invalid workchain id ${wc}`);
    }
    if (wc === -1) continue;
    if (!wcs.has(wc)) wcs.set(wc, wc0);
  }
  const p12 = beginCell().storeDict(wcs).endCell();
  params.set(WORKCHAINS_PARAM, p12);
  const dictCell = beginCell().storeDictDirect(params).endCell();

  // Keep the root's own bits and every ref but the first.
  const rs = root.beginParse();
  const b = beginCell().storeBits(rs.loadBits(rs.remainingBits));
  b.storeRef(dictCell);
  for (let i = 1; i < root.refs.length; i++) b.storeRef(root.refs[i]);
  return b.endCell().toBoc().toString("base64");
}

const memo = new Map<string, string>();

/**
 * `EVER_MAIN_CONFIG` with workchains `workchains` (default 0, 1, 2) enabled in param 12;
 * base64 BOC for locklift `blockchainConfig: { custom }`. Memoized per id list.
 */
export function everConfigWithWorkchains(workchains: number[] = [0, 1, 2]): string {
  const key = [...new Set(workchains)].sort((a, b) => a - b).join(",");
  let cfg = memo.get(key);
  if (cfg === undefined) {
    cfg = configWithWorkchains(workchains);
    memo.set(key, cfg);
  }
  return cfg;
}
