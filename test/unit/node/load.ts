/**
 * A batch of raw EverWallet transfers against a node, for crash tests: each sender sends
 * signed transfers to `sink` one after another (one in flight per sender, as EverWallet's
 * replay protection needs) until `stop()` or until a send fails (e.g. the node was killed).
 * `acked` holds the hashes of the messages whose `sendMessage` was answered: the node
 * guarantees those are executed, with their cascades, and on disk.
 */
import { EverWalletSigner, nodeRpc } from "../../../src/node/client";

export type Sender = { address: string; keys: { publicKey: string; secretKey: string } };

export type TransferLoad = {
  /** Hashes of acknowledged messages, in acknowledgement order. */
  readonly acked: string[];
  /** Hashes of messages whose send failed (not acknowledged: may or may not be on disk). */
  readonly unacked: string[];
  /** Ask every sender to stop after its message in flight. */
  stop(): void;
  /** Resolves when every sender has stopped. */
  done: Promise<void>;
  /** Resolves once at least `n` messages are acknowledged. */
  ackedAtLeast(n: number): Promise<void>;
};

/** `value` nanoevers per transfer; `offsetMs`: node clock minus this machine's (NodeTime.nowMs - Date.now()). */
export function transferLoad(url: string, senders: Sender[], sink: string, opts: { offsetMs: number; value?: bigint }): TransferLoad {
  const acked: string[] = [];
  const unacked: string[] = [];
  let stopped = false;
  const done = Promise.all(
    senders.map(async s => {
      const signer = new EverWalletSigner(s.address, s.keys, opts.offsetMs);
      while (!stopped) {
        const msg = signer.transfer({ dest: sink, value: opts.value ?? 1_000_000n });
        try {
          await nodeRpc(url, "sendMessage", { message: msg.boc });
          acked.push(msg.hash);
        } catch {
          unacked.push(msg.hash);
          return;
        }
      }
    }),
  ).then(() => undefined);
  return {
    acked,
    unacked,
    stop: () => void (stopped = true),
    done,
    async ackedAtLeast(n: number) {
      while (acked.length < n) {
        if (stopped) throw new Error(`load stopped after ${acked.length} acknowledged messages (wanted ${n})`);
        await new Promise(res => setTimeout(res, 5));
      }
    },
  };
}
