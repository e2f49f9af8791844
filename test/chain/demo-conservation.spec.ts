/**
 * The demo's conservation line is computed from the executor's real balances and transactions:
 * over any window, Δfunded = Δheld + Δwithdrawn + Δfees + Δburned to the nanoever (lost = 0),
 * including deploys, bounces, events and coins sent to the burn address and to a sink.
 *
 * The demo itself (40 real validators, five closes) keeps lost = 0 while block fees flow through
 * the reward path (deposited per term, paid one term later, claimed) and the double vote slashes
 * the banned validator's delegators by the demo's DELEGATOR_SLASH_RATE.
 */
import { expect } from "chai";
import { toNano, Address } from "locklift";
import { openNetwork } from "../../src/ops/network";
import { measureConservation, BURN_ADDRESS, ConservationParts } from "../../src/ops/demo/conservation";
import { sinkAddress, DEMO_DELEGATOR_SLASH_RATE } from "../../src/ops/demo/setup";
import { runDemo } from "../../src/ops/demo";
import { makeProgress } from "../../src/ops/progress";
import { validateDemoReport } from "../../src/ops/report";
import { executor, transactionEntries } from "../../src/dev/executor";
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
    const senders: Awaited<ReturnType<typeof makeWallet>>[] = [];
    for (let i = 0; i < 6; i++) senders.push(await makeWallet(20)); // the giver sends one at a time
    const rcv = await makeWallet(1);
    const rcvBefore = BigInt(await p.getBalance(rcv.address));
    // deploy the senders, then start all their transfers in the same tick, straight into the executor
    for (const s of senders) await p.sendMessage({ sender: s.address, recipient: s.address, amount: toNano(0.1), bounce: false });
    const offset = networkNowMs() - Date.now();
    const msgs = senders.map((s) => new EverWalletSigner(s.address.toString(), s, offset).transfer({ dest: rcv.address.toString(), value: toNano(2), bounce: false }).boc);
    await Promise.all(msgs.map((m) => sendRawMessage(m)));
    const rcvTxs = transactionEntries(net.locklift).map(([, t]) => t).filter((t) => t.inMessage.dst === rcv.address.toString() && senders.some((s) => s.address.toString() === t.inMessage.src));
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

describe("demo: rewards and the delegator slash keep lost = 0 (40 validators)", function () {
  this.timeout(900000);
  // the demo's suite sits at the network's fixed elector addresses: a clean network before and after
  before(() => executor().resetBlockchainState());
  after(() => executor().resetBlockchainState());

  it("fees are paid one term later, stakers claim, the ban slashes the delegators; lost = 0", async () => {
    const res = await runDemo({ limit: 40, progress: makeProgress({ quiet: true }) });
    expect(res.notes).to.deep.equal([]);
    expect(res.problems).to.deep.equal([]);
    const r = JSON.parse(JSON.stringify(res.report));
    expect(validateDemoReport(r)).to.deep.equal([]);
    expect(r.conservation.lost).to.equal("0");
    expect(r.terms.map((t: { termId: number }) => t.termId)).to.deep.equal([1, 2, 3, 4, 5]);

    // rewards: funded at close T (the term's simulated fees, all reserved by its statistics) =
    // paid at close T+1 + burned at close T+1 + what the ban seized during T+1
    const paid = res.report.terms.map((t) => BigInt(t.rewards));
    expect(paid.some((p) => p > 0n), "rewards paid in some term").to.equal(true);
    for (let i = 1; i < res.report.terms.length; i++) {
      const seized = res.ban && res.ban.termId === res.report.terms[i].termId ? res.ban.rewards : 0n;
      expect(paid[i] + res.extras[i].burned + seized, `term ${res.report.terms[i].termId}`).to.equal(res.extras[i - 1].funded);
    }
    expect(res.extras[0].funded).to.equal(0n); // no set in term 1, no fees
    expect(paid[0] + paid[1]).to.equal(0n); // nothing to pay before term 2's fees
    const p = res.rewardPools;
    expect(p.deposited).to.equal(res.extras.reduce((a, x) => a + x.funded, 0n));
    expect(p.deposited).to.equal(p.pool + p.reserved + p.paid + p.burned);

    // claims reached the stakers' wallets
    expect(res.claims.length).to.be.greaterThan(0);
    for (const c of res.claims) expect(c.amount > 0n, `${c.staker} claimed`).to.equal(true);
    expect(res.extras.reduce((a, x) => a + x.claimed, 0n)).to.equal(res.claims.reduce((a, c) => a + c.amount, 0n));

    // the double vote: banned, deposit seized, every delegator slashed by the rate: at least its
    // locked share, at most its share of locked + revoking + unlocking (what had not been released)
    const ban = res.ban!;
    expect(ban).to.not.equal(undefined);
    const term = res.report.terms.find((t) => t.termId === ban.termId)!;
    expect(term.banned).to.deep.equal([ban.validator]);
    expect(ban.ratePerMille).to.equal(DEMO_DELEGATOR_SLASH_RATE);
    expect(ban.deposit > 0n).to.equal(true);
    expect(ban.delegators.length).to.be.greaterThan(0);
    let delegators = 0n;
    for (const d of ban.delegators) {
      expect(d.locked > 0n, `${d.staker} had a stake`).to.equal(true);
      expect(d.slashed >= (d.locked * BigInt(ban.ratePerMille)) / 1000n, `${d.staker} slashed ≥ rate × locked`).to.equal(true);
      expect(d.slashed <= ((d.locked + d.unlocking) * BigInt(ban.ratePerMille)) / 1000n, `${d.staker} slashed ≤ rate × stake`).to.equal(true);
      delegators += d.slashed;
    }
    expect(delegators > 0n).to.equal(true);
    const x = res.extras.find((e) => e.termId === ban.termId)!;
    expect(x.delegatorSlashed).to.equal(delegators);
    expect(BigInt(term.slashed)).to.equal(ban.deposit + delegators);
  });
});
