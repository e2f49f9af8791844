/**
 * The DDVS network a deployment is for: `config/network.dev.json` (tests, demo) or the file named
 * by `DDVS_NETWORK` (docs/deployment.md). The same file the build compiled ELECTOR_ADDRESS_HASH from.
 */
import path from "path";
import { loadNetwork, networkFilePath, NetworkFile } from "../toolchain/network";

export type { NetworkFile };

/** Repository root (src/deploy/../..). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** The network in effect (DDVS_NETWORK or the development network). */
export function currentNetwork(): NetworkFile {
  return loadNetwork(networkFilePath(REPO_ROOT));
}

/** The development network (tests, demo): its deploy secret key is public, development only. */
export function devNetwork(): NetworkFile & { deploySecretKey: string } {
  const net = loadNetwork(path.join(REPO_ROOT, "config", "network.dev.json"));
  if (!net.deploySecretKey) throw new Error("config/network.dev.json: deploySecretKey missing");
  return net as NetworkFile & { deploySecretKey: string };
}
