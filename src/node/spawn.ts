/**
 * Runs `ddvs node` as a child process (tests, benches, scripts that need a node that
 * can be killed and restarted) and waits for its "listening" line.
 */
import { spawn, type ChildProcess } from "child_process";
import * as path from "path";

export type NodeProcess = {
  url: string;
  port: number;
  child: ChildProcess;
  /** Everything the child wrote to stderr so far. */
  stderr(): string;
  /** Resolves with the exit code (or signal) once the child has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGTERM (graceful: snapshot) by default; SIGKILL to simulate a crash. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
};

const MAIN = path.join(__dirname, "main.ts");
const REPO = path.resolve(__dirname, "..", "..");

export class NodeSpawnError extends Error {
  constructor(
    message: string,
    readonly stderr: string,
    readonly code: number | null,
  ) {
    super(message);
  }
}

/**
 * Starts `node -r ts-node/register/transpile-only src/node/main.ts ...args` and resolves
 * when it prints `ddvs node listening on URL`; rejects with the child's stderr if it exits
 * first (e.g. port in use, refused data folder).
 */
export function spawnNode(args: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}): Promise<NodeProcess> {
  const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", MAIN, ...args], {
    cwd: REPO,
    // our tsconfig, whatever the parent uses (locklift points TS_NODE_PROJECT at its own)
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1", TS_NODE_PROJECT: path.join(REPO, "tsconfig.json"), ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(resolve =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  child.stderr!.on("data", d => (err += d.toString()));
  return new Promise<NodeProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new NodeSpawnError(`ddvs node did not start within ${opts.timeoutMs ?? 60000} ms`, err, null));
    }, opts.timeoutMs ?? 60000);
    child.stdout!.on("data", d => {
      out += d.toString();
      const m = /ddvs node listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        const url = m[1];
        resolve({
          url,
          port: Number(new URL(url).port),
          child,
          stderr: () => err,
          exited,
          stop(signal: NodeJS.Signals = "SIGTERM") {
            if (child.exitCode === null && child.signalCode === null) child.kill(signal);
            return exited;
          },
        });
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new NodeSpawnError(`ddvs node exited (code ${code}) before listening: ${err.trim()}`, err, code));
    });
  });
}
