/**
 * Network time: read it, and move it forward where the network allows it (embedded network:
 * locklift's `testing.increaseTime`; `ddvs node`: its `ddvs_increaseTime`, docs/node.md).
 * Unix seconds throughout.
 */
import { increaseTime as nodeIncreaseTime } from "../node/client";
import type { OpenNetwork } from "./network";

/** Network time, unix seconds (the provider clock, which carries the network's offset). */
export function networkNow(net: OpenNetwork): number {
  return Math.floor(net.locklift.testing.getCurrentTime() / 1000);
}

/** Moves the network's time forward by `seconds`; throws on a network that cannot do it. */
export async function advanceTime(net: OpenNetwork, seconds: number): Promise<void> {
  if (seconds <= 0) return;
  if (net.embedded) return net.locklift.testing.increaseTime(seconds);
  if (net.endpoint) {
    await nodeIncreaseTime(net.endpoint, seconds, (net.locklift as any).clock);
    return;
  }
  throw new Error(`network ${net.name} has no time control`);
}
