/**
 * Progress lines for long work (stderr, so `--json` output on stdout stays clean).
 * `quiet` drops them; a TTY shows a counter rewritten in place.
 */
export interface Progress {
  /** A new phase: prints `title…`. */
  step(title: string): void;
  /** `done` of `total` items of the current phase. */
  tick(done: number, total: number): void;
  /** A plain informational line. */
  info(line: string): void;
}

export function makeProgress(opts: { quiet?: boolean; stream?: NodeJS.WriteStream } = {}): Progress {
  const out = opts.stream ?? process.stderr;
  const tty = !!out.isTTY;
  let title = "";
  let started = Date.now();
  let lastTick = 0;
  const elapsed = () => ((Date.now() - started) / 1000).toFixed(1) + "s";
  if (opts.quiet) return { step() {}, tick() {}, info() {} };
  return {
    step(t) {
      if (tty && title) out.write("\n");
      title = t;
      started = Date.now();
      out.write(`• ${t}${tty ? "" : "\n"}`);
    },
    tick(done, total) {
      const now = Date.now();
      if (tty) {
        if (done !== total && now - lastTick < 100) return;
        lastTick = now;
        out.write(`\r• ${title} ${done}/${total} (${elapsed()})${done === total ? "\n" : ""}`);
        if (done === total) title = "";
      } else if (done === total) {
        out.write(`  ${title}: ${done}/${total} done in ${elapsed()}\n`);
      }
    },
    info(line) {
      if (tty && title) {
        out.write("\n");
        title = "";
      }
      out.write(`  ${line}\n`);
    },
  };
}
