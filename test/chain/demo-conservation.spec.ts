/**
 * The demo's conservation line is computed from the executor's real balances and transactions:
 * over any window, Δfunded = Δheld + Δwithdrawn + Δfees + Δburned to the nanoever (lost = 0),
 * including deploys, bounces, events and coins sent to the burn address and to a sink.
 */
import { expect } from "chai";
import { toNano, Address } from "locklift";
import { openNetwork } from "../../src/ops/network";
import { measureConservation, BURN_ADDRESS, ConservationParts } from "../../src/ops/demo/conservation";
import { sinkAddress } from "../../src/ops/demo/setup";
import { makeWallet, networkNowMs, sendRawMessage } from "../helpers";
import { EverWalletSigner } from "../../src/node/client";

const delta = (a: ConservationParts, b: ConservationParts) => ({
  funded: b.funded - a.funded,
  held: b.held - a.held,
  withdrawn: b.withdrawn - a.withdrawn,
  fees: b.fees - a.fees,
  burned: b.burned - a.burned,
});

describe("demo: conservation from real balances", function () {
  this.timeout(120000);
  it("funded = held + withdrawn + fees + burned over transfers, bounces, a burn and a withdrawal", async () => {
    const net = await openNetwork();
    const sink = sinkAddress(new Address("0:" + "ab".repeat(32)));
    const before = measureConservation(net, [sink.toString()]);
    const a = await makeWallet(100);
    const b = await makeWallet(50);
    const p = net.locklift.provider;
    await p.sendMessage({ sender: a.address, recipient: b.address, amount: toNano(3), bounce: false });
    await p.sendMessage({ sender: b.address, recipient: a.address, amount: toNano(1.5), bounce: true });
    await p.sendMessage({ sender: a.address, recipient: new Address(BURN_ADDRESS), amount: toNano(2), bounce: false });
    await p.sendMessage({ sender: b.address, recipient: sink, amount: toNano(4), bounce: false });
    // a bounceable message to an address without code bounces back (value less fees)
    await p.sendMessage({ sender: a.address, recipient: new Address("0:" + "cd".repeat(32)), amount: toNano(1), bounce: true });
    // parallel senders to one receiver: every message lands (the executor is serialised by openNetwork)
    const senders = [];
    for (let i = 0; i < 6; i++) senders.push(await makeWallet(20)); // the giver sends one at a time
    const rcv = await makeWallet(1);
    const rcvBefore = BigInt(await p.getBalance(rcv.address));
    // deploy the senders, then start all their transfers in the same tick, straight into the executor
    for (const s of senders) await p.sendMessage({ sender: s.address, recipient: s.address, amount: toNano(0.1), bounce: false });
    const offset = networkNowMs() - Date.now();
    const msgs = senders.map((s) => new EverWalletSigner(s.address.toString(), s, offset).transfer({ dest: rcv.address.toString(), value: toNano(2), bounce: false }).boc);
    await Promise.all(msgs.map((m) => sendRawMessage(m)));
    const rcvTxs = Object.values<any>((net.locklift.network as any).proxyNetwork._executor.state.transactions).filter((t) => t.inMessage.dst === rcv.address.toString() && senders.some((s) => s.address.toString() === t.inMessage.src));
    expect(rcvTxs).to.have.length(6);
    expect(new Set(rcvTxs.map((t) => t.lt)).size).to.equal(6);
    const rcvFees = rcvTxs.reduce((a, t) => a + BigInt(t.totalFees), 0n);
    expect(BigInt(await p.getBalance(rcv.address)) - rcvBefore).to.equal(12n * 1_000_000_000n - rcvFees);
    const d = delta(before, measureConservation(net, [sink.toString()]));
    expect(d.funded).to.equal((150n + 6n * 20n + 1n) * 1_000_000_000n);
    expect(d.withdrawn).to.equal(4n * 1_000_000_000n);
    expect(d.burned >= 2n * 1_000_000_000n - 10_000_000n && d.burned <= 2n * 1_000_000_000n).to.equal(true);
    expect(d.fees > 0n).to.equal(true);
    expect(d.funded - d.held - d.withdrawn - d.fees - d.burned).to.equal(0n);
  });
});
