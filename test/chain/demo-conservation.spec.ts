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
import { makeWallet } from "../helpers";

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
    const d = delta(before, measureConservation(net, [sink.toString()]));
    expect(d.funded).to.equal(150n * 1_000_000_000n);
    expect(d.withdrawn).to.equal(4n * 1_000_000_000n);
    expect(d.burned >= 2n * 1_000_000_000n - 10_000_000n && d.burned <= 2n * 1_000_000_000n).to.equal(true);
    expect(d.fees > 0n).to.equal(true);
    expect(d.funded - d.held - d.withdrawn - d.fees - d.burned).to.equal(0n);
  });
});
