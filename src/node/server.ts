/**
 * `startNode`: opens the chain in a data folder and serves it over HTTP JSON-RPC.
 *
 * POST (any path) takes one JSON-RPC 2.0 request or a batch.
 * GET returns a small JSON description. Nothing else is served.
 */
import * as http from "http";
import type { AddressInfo } from "net";
import { EVER_MAIN_CONFIG } from "@broxus/locklift-network/internal/constants";
import { Chain } from "./chain";
import { dispatch, ERR, METHODS } from "./rpc";
import { DataDirError, resetDataDir } from "./store";
import { DEFAULT_CHAINS, DEFAULT_DATA_DIR, DEFAULT_HOST, DEFAULT_PORT, GLOBAL_ID } from "./defaults";

export type NodeOptions = {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  dataDir?: string;
  /** Workchains of a new chain, masterchain included (default -1,0,1,2). */
  chains?: number[];
  /**
   * Blockchain config (base64 ConfigParams BOC) of a new chain. Default: the multi-workchain
   * config from src/network/config.ts when present, else the EVER preset.
   */
  config?: string;
  /** Delete the data folder first (only if it is a ddvs node folder). */
  reset?: boolean;
  snapshotBytes?: number;
  /** Check ed25519 signatures in transactions (default false, as in the embedded network). */
  checkSignatures?: boolean;
  log?: (line: string) => void;
};

export type RunningNode = {
  url: string;
  host: string;
  port: number;
  chain: Chain;
  /**
   * Stops serving, snapshots the state and releases the data folder. `{ snapshot: false }`
   * leaves only the log (what a crash between batches leaves; used by tests).
   */
  close(opts?: { snapshot?: boolean }): Promise<void>;
};

/** Errors a user can act on (port in use, bad data folder, bad options). */
export class NodeStartError extends Error {}

const MAX_BODY = 16 * 1024 * 1024;

/**
 * The config of a new chain with `chains` workchains: src/network/config.ts's
 * everConfigWithWorkchains when that module exists, else the EVER preset (workchain 0 only).
 */
export function defaultConfig(chains: number[], log: (l: string) => void = () => undefined): string {
  const workchains = chains.filter(c => c >= 0);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require("../network/config") as { everConfigWithWorkchains?: (w: number[]) => string };
    if (typeof mod.everConfigWithWorkchains === "function") return mod.everConfigWithWorkchains(workchains);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "MODULE_NOT_FOUND") throw e;
  }
  if (workchains.some(w => w !== 0)) {
    log(`src/network/config.ts not available: using the EVER preset, which only has workchains -1 and 0`);
  }
  return EVER_MAIN_CONFIG;
}

export function parseChains(text: string): number[] {
  const list = text
    .split(",")
    .map(s => s.trim())
    .filter(Boolean)
    .map(s => {
      const n = Number(s);
      if (!Number.isInteger(n) || n < -1 || n > 127) throw new NodeStartError(`invalid workchain "${s}" in --chains`);
      return n;
    });
  if (!list.includes(-1) || !list.includes(0)) throw new NodeStartError("--chains must include -1 and 0");
  return [...new Set(list)].sort((a, b) => a - b);
}

export async function startNode(opts: NodeOptions = {}): Promise<RunningNode> {
  const host = opts.host ?? DEFAULT_HOST;
  const port = opts.port ?? DEFAULT_PORT;
  const dataDir = opts.dataDir ?? DEFAULT_DATA_DIR;
  const chains = opts.chains ? [...opts.chains].sort((a, b) => a - b) : DEFAULT_CHAINS;
  const log = opts.log ?? (() => undefined);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new NodeStartError(`invalid port ${port}`);

  let chain: Chain;
  try {
    if (opts.reset) resetDataDir(dataDir);
    chain = await Chain.open({
      dataDir,
      create: { chains, globalId: GLOBAL_ID, config: opts.config ?? defaultConfig(chains, log) },
      chainsExplicit: opts.chains !== undefined,
      snapshotBytes: opts.snapshotBytes,
      checkSignatures: opts.checkSignatures,
      log,
    });
  } catch (e) {
    if (e instanceof DataDirError) throw new NodeStartError(e.message);
    throw e;
  }

  const server = http.createServer((req, res) => void handle(req, res, chain));
  server.keepAliveTimeout = 30_000;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (e) {
    await chain.close({ snapshot: false });
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new NodeStartError(`port ${port} on ${host} is already in use (another ddvs node?); choose another with --port`);
    }
    if (code === "EACCES") throw new NodeStartError(`not allowed to listen on ${host}:${port}`);
    if (code === "EADDRNOTAVAIL") throw new NodeStartError(`cannot listen on ${host}: no such local address`);
    throw e;
  }
  const bound = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${bound}`;
  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port: bound,
    chain,
    close(closeOpts = {}) {
      closing ??= (async () => {
        await new Promise<void>(resolve => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        await chain.close(closeOpts);
      })();
      return closing;
    },
  };
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, chain: Chain) {
  const send = (status: number, body: unknown) => {
    const data = JSON.stringify(body);
    res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(data) });
    res.end(data);
  };
  if (req.method === "GET") {
    return send(200, { name: "ddvs node", protocol: "jsonrpc-2.0 over POST", methods: Object.keys(METHODS) });
  }
  if (req.method !== "POST") return send(405, { error: "use POST with a JSON-RPC body" });
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const c of req) {
      size += (c as Buffer).length;
      if (size > MAX_BODY) {
        send(413, { jsonrpc: "2.0", id: null, error: { code: ERR.INVALID_REQUEST, message: "request too large" } });
        req.destroy();
        return;
      }
      chunks.push(c as Buffer);
    }
  } catch {
    return; // client went away
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return send(200, { jsonrpc: "2.0", id: null, error: { code: ERR.PARSE, message: "parse error: body is not JSON" } });
  }
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) {
      return send(200, { jsonrpc: "2.0", id: null, error: { code: ERR.INVALID_REQUEST, message: "empty batch" } });
    }
    const out = [];
    for (const r of parsed) out.push(await dispatch(r, chain));
    return send(200, out);
  }
  send(200, await dispatch(parsed, chain));
}
