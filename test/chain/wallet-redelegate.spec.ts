/**
 * Redelegation end to end (docs/messages.md §2 `redelegate`, §3, §4): the real DePoolWallet, two
 * DePoolRoots of one elector (dev network, workchain 0). wallet → fromRoot.redelegate → elector →
 * toRoot.acceptRedelegation → wallet.redelegated; and the refused path (target not a candidate) →
 * fromRoot.redelegateRejected → wallet. The wallet's coin identity is checked to the nanoever.
 */
import { expect } from "chai";
import { toNano } from "locklift";
import { staker, validator, Validator, Staker } from "../helpers/suite";
import { getPosition } from "../helpers/wallet";

const EVER = 1_000_000_000n;

describe("DePoolWallet: redelegation through the real roots and elector", () => {
  let v1: Validator;
  let v2: Validator;
  let idle: Validator;
  let s: Staker;

  before(async () => {
    v1 = await validator(0, { lockPeriod: 100, unlockPeriod: 600 });
    v2 = await validator(0, { lockPeriod: 5000, unlockPeriod: 900 });
    idle = await validator(0, {}, 0); // deployed, never nominated: Eligible
    s = await staker(v1.root, 50, "direct");
    const r = await s.ledger.run(s.wallet.methods.stake({ root: v1.root.address, amount: toNano(20) }).send({ from: s.owner.address, amount: toNano(1), bounce: true }));
    expect(r.txs.map((t) => t.exitCode)).to.deep.equal([0, 0]);
    expect((await getPosition(s.wallet, v1.root.address)).locked).to.equal(20n * EVER);
  });

  afterEach(async () => {
    await s.ledger.check();
  });

  it("to an Eligible root: the elector refuses, the source root answers redelegateRejected and the stake is locked again", async () => {
    const { txs } = await s.ledger.run(s.wallet.methods.redelegate({ fromRoot: v1.root.address, toRoot: idle.root.address, amount: toNano(5) }).send({ from: s.owner.address, amount: toNano(1.5), bounce: true }));
    expect(txs.map((t) => t.exitCode)).to.deep.equal([0, 0]);
    const ev = txs[1].events;
    expect(ev.map((e) => e.event)).to.deep.equal(["RedelegateRejected"]);
    expect(ev[0].data.amount).to.equal(toNano(5));
    expect(Number(ev[0].data.reason)).to.be.greaterThan(0);
    const st = await s.ledger.check();
    expect(st.redelegations).to.deep.equal([]);
    expect((await getPosition(s.wallet, v1.root.address)).locked).to.equal(20n * EVER);
  });

  it("to a Candidate root of the same elector: the stake moves without an unlock period (Redelegated)", async () => {
    const before = await getPosition(s.wallet, v1.root.address);
    const { txs } = await s.ledger.run(s.wallet.methods.redelegate({ fromRoot: v1.root.address, toRoot: v2.root.address, amount: toNano(8) }).send({ from: s.owner.address, amount: toNano(1.5), bounce: true }));
    expect(txs.map((t) => t.exitCode)).to.deep.equal([0, 0]);
    expect(txs[1].events.map((e) => e.event)).to.deep.equal(["Redelegated"]);
    const st = await s.ledger.check();
    expect(st.redelegations).to.deep.equal([]);
    expect((await getPosition(s.wallet, v1.root.address)).locked).to.equal(12n * EVER);
    const p2 = await getPosition(s.wallet, v2.root.address);
    expect(p2.locked).to.equal(8n * EVER);
    expect(p2.unlockPeriod).to.equal(900);
    // new lock = max(old lockUntil, now + target lockPeriod)
    expect(p2.lockUntil >= before.lockUntil).to.equal(true);
    const a1 = await v1.elector.getters.getAccount({ validatorKey: String(v1.key) } as never).run();
    const a2 = await v2.elector.getters.getAccount({ validatorKey: String(v2.key) } as never).run();
    expect(a1.delegation).to.equal(toNano(12));
    expect(a2.delegation).to.equal(toNano(8));
  });
});
