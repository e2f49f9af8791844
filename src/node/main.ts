/**
 * Runnable entry of the node, for child processes and scripts:
 *
 *   node -r ts-node/register/transpile-only src/node/main.ts --port 0 --data DIR
 *
 * Same options as `ddvs node` (src/cli/node.ts).
 */
import { nodeCommand } from "../cli/node";

nodeCommand()
  .parseAsync(process.argv)
  .catch(e => {
    process.stderr.write(`ddvs node: error: ${(e as Error)?.stack ?? e}\n`);
    process.exit(1);
  });
