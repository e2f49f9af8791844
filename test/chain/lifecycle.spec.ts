/**
 * Wallet ⇄ root ⇄ elector integration (DDVS.md §2, docs/messages.md §6 flows) with the real
 * DePoolWallet, DePoolRoot and DElectorConfig of the dev network (workchain 0, standalone).
 * After every test: each wallet's coin identity (free + committed + withdrawn + slashed =
 * deposited + rewards − own fees) and the root's identities, to the nanoever.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { ERROR_CODE } from "../../build/errors";
import { balanceOf, timeTravel } from "../helpers";
import { forgeInternal, callBody, eventsOf, recentGas } from "../helpers/forge";
import { checkRootIdentities } from "../helpers/invariants";
import { nowSec, transactionsOf, withClockStopped } from "../../src/dev/executor";
import { staker, validator, Staker, Validator } from "../helpers/suite";
import { getPosition, walletState, decodeTx, WalletLedger } from "../helpers/wallet";

/** Accounts every transaction of a wallet not seen by `ledger.run` (job messages from the root). */
function accountAll(ledger: WalletLedger) {
  const txs = transactionsOf(ledger.wallet.address);
  const fresh = new WalletLedger(ledger.wallet);
  fresh.account(txs.map((t) => decodeTx(t.boc)));
  ledger.ownFees = fresh.ownFees;
}

/** Accounts the latest transaction of a wallet run outside `ledger.run` (a forged message). */
function accountLast(ledger: WalletLedger) {
  const [t] = transactionsOf(ledger.wallet.address, 1);
  ledger.account([decodeTx(t.boc)]);
}
import { rootAddress, devNetwork } from "../../src/deploy";

const WC = 0;
const EVER = 1_000_000_000n;
const toNanoBig = (x: number) => BigInt(toNano(x));

describe("lifecycle: wallet ⇄ root ⇄ elector (real contracts)", () => {
  let v: Validator;
  let a: Staker;
  let b: Staker;
  const claimed = { total: 0n };

  afterEach(async () => {
    for (const s of [a, b].filter(Boolean)) await s.ledger.check();
    if (v) await checkRootIdentities(v.root, claimed.total);
  });

  it("the elector deploys the root at the canonical address (Tolk initial data = nekoton's) and nominates it", async () => {
    v = await validator(WC, { lockPeriod: 3600, unlockPeriod: 7200, commissionPerMille: 100 });
    const d = await v.root.getters.getDetails({}).run();
    expect(d.elector.equals(v.elector.address)).to.equal(true);
    const { root } = await v.elector.getters.getRootAddress({ validatorKey: String(v.key), owner: v.owner.address } as never).run();
    expect(root.equals(v.root.address)).to.equal(true);
    expect((await rootAddress(locklift, devNetwork().networkId, v.key, v.owner.address, WC)).equals(v.root.address)).to.equal(true);
    // nominated: deposit held by the root, Candidate on both sides
    expect(d.state).to.equal("1");
    const n = await v.root.getters.getNomination({}).run();
    expect(n.deposit).to.equal(toNano(100));
    expect(n.pendingDeposit).to.equal("0");
    const acc = await v.elector.getters.getAccount({ validatorKey: String(v.key) } as never).run();
    expect(acc).to.deep.include({ exists: "1", state: "1", deposit: toNano(100) });
    // the root holds the deposit and its reserve (less the gas of its own notifications)
    expect((await balanceOf(v.root.address)) >= 100n * EVER + 900_000_000n).to.equal(true);
  });

  it("wallets deployed through the root and directly; stakes lock at the root and count at the elector", async () => {
    a = await staker(v.root, 50, "root");
    b = await staker(v.root, 50, "direct");
    const t0 = nowSec();
    await a.ledger.run(a.wallet.methods.stake({ root: v.root.address, amount: toNano(20) }).send({ from: a.owner.address, amount: toNano(1), bounce: true }));
    await b.ledger.run(b.wallet.methods.stake({ root: v.root.address, amount: toNano(10) }).send({ from: b.owner.address, amount: toNano(1), bounce: true }));
    const pa = await getPosition(a.wallet, v.root.address);
    expect(pa.locked).to.equal(20n * EVER);
    expect(pa.pending).to.equal(0n);
    expect(pa.lockUntil).to.be.within(t0 + 3600, t0 + 3610);
    expect(pa.unlockPeriod).to.equal(7200);
    const t = await v.root.getters.getStakeTotals({}).run();
    expect(t).to.deep.equal({ totalLocked: toNano(30), walletCount: "2", unsyncedDelegation: "0" });
    const acc = await v.elector.getters.getAccount({ validatorKey: String(v.key) } as never).run();
    expect(acc.delegation).to.equal(toNano(30));
  });

  it("a stake below minStake is rejected and rolled back in the wallet (rejectStake)", async () => {
    await a.ledger.run(a.wallet.methods.stake({ root: v.root.address, amount: toNano(0.5) }).send({ from: a.owner.address, amount: toNano(1), bounce: true }));
    const pa = await getPosition(a.wallet, v.root.address);
    expect(pa.pending).to.equal(0n);
    expect(pa.locked).to.equal(20n * EVER);
    const rej = await eventsOf<{ reason: string }>(v.root, "StakeRejected");
    expect(Number(rej[rej.length - 1].reason)).to.equal(ERROR_CODE.STAKE_TOO_SMALL);
  });

  it("unlock before lockUntil: released at lockUntil + unlockPeriod, withdrawable then and not a second earlier", async () => {
    const lockUntil = (await getPosition(a.wallet, v.root.address)).lockUntil;
    await a.ledger.run(a.wallet.methods.unlock({ root: v.root.address, amount: toNano(5) }).send({ from: a.owner.address, amount: toNano(1), bounce: true }));
    const p = await getPosition(a.wallet, v.root.address);
    expect(p.locked).to.equal(15n * EVER);
    expect(p.unlocking).to.equal(5n * EVER);
    expect(p.releaseAt).to.equal(lockUntil + 7200);
    expect((await v.elector.getters.getAccount({ validatorKey: String(v.key) } as never).run()).delegation).to.equal(toNano(25));
    // one second before releaseAt: the unlocking coins are not free. The clock is stopped so that
    // the call runs in exactly that second, however slow the machine.
    await withClockStopped(async () => {
      await timeTravel(p.releaseAt - 1 - nowSec());
      expect(nowSec()).to.equal(p.releaseAt - 1);
      const free1 = (await walletState(a.wallet)).free;
      const amount = free1 + EVER; // needs the released coins
      const r1 = await a.ledger.run(a.wallet.methods.withdraw({ amount: amount.toString(), to: a.owner.address }).send({ from: a.owner.address, amount: toNano(0.5), bounce: true }));
      expect(r1.txs[0].exitCode).to.equal(ERROR_CODE.INSUFFICIENT_FREE);
      expect(r1.txs[0].raw.now).to.equal(p.releaseAt - 1);
      // at releaseAt: the 5 EVER are free (less one second of storage fee)
      await timeTravel(1);
      const free2 = (await walletState(a.wallet)).free;
      expect(free2 > free1 + 5n * EVER - 1_000_000n && free2 <= free1 + 5n * EVER).to.equal(true);
      const before = await balanceOf(a.owner.address);
      const r2 = await a.ledger.run(a.wallet.methods.withdraw({ amount: amount.toString(), to: a.owner.address }).send({ from: a.owner.address, amount: toNano(0.5), bounce: true }));
      expect(r2.txs[0].exitCode).to.equal(0);
      expect(r2.txs[0].raw.now).to.equal(p.releaseAt);
      expect((await balanceOf(a.owner.address)) - before > amount - toNanoBig(0.5)).to.equal(true);
    });
    expect((await getPosition(a.wallet, v.root.address)).unlocking).to.equal(0n);
  });

  it("unlock after lockUntil: released at now + unlockPeriod", async () => {
    const t = nowSec();
    await b.ledger.run(b.wallet.methods.unlock({ root: v.root.address, amount: toNano(4) }).send({ from: b.owner.address, amount: toNano(1), bounce: true }));
    const p = await getPosition(b.wallet, v.root.address);
    expect(p.releaseAt).to.be.within(t + 7200, t + 7205);
    const s = await v.root.getters.getStake({ wallet: b.wallet.address } as never).run();
    expect(Number(s.unlockingUntil)).to.equal(p.releaseAt);
  });

  it("rewards: onReward (elector) → commission + accumulator; claimRewards pays each wallet its exact share", async () => {
    // The elector pays rewards at its term close once statistics are in; until its endTerm pays
    // onReward (branch `elector`), the test sends the elector's onReward itself (forged sender =
    // the elector's address): the root cannot tell the difference.
    const reward = 3_000_000_007n;
    await forgeInternal({ src: v.elector.address, dst: v.root.address, body: callBody(v.root.abi, "onReward", { amount: reward.toString(), termId: 2 }), amount: (reward + 100_000_000n).toString() });
    expect(recentGas(v.root.address)[0].exitCode).to.equal(0);
    const commission = (reward * 100n) / 1000n;
    const stakersPart = reward - commission;
    // locked now: a 15, b 6 → shares 15/21 and 6/21 of the stakers' part (floored in the accumulator)
    const sa = BigInt((await v.root.getters.getStake({ wallet: a.wallet.address } as never).run()).pendingReward);
    const sb = BigInt((await v.root.getters.getStake({ wallet: b.wallet.address } as never).run()).pendingReward);
    expect(sa).to.equal((stakersPart * 15n) / 21n);
    expect(sb).to.equal((stakersPart * 6n) / 21n);
    for (const [s, expected] of [[a, sa], [b, sb]] as [Staker, bigint][]) {
      const before = (await walletState(s.wallet)).totals.rewards;
      await s.ledger.run(s.wallet.methods.claimRewards({ root: v.root.address }).send({ from: s.owner.address, amount: toNano(0.5), bounce: true }));
      expect((await walletState(s.wallet)).totals.rewards - before).to.equal(expected);
      claimed.total += expected;
    }
    expect(claimed.total + BigInt((await v.root.getters.getRewards({}).run()).rewardBalance)).to.equal(stakersPart);
  });

  it("a forged root cannot lock or pay a wallet; the wallet ignores unknown roots (NO_PENDING / UNKNOWN_POSITION)", async () => {
    const before = await walletState(a.wallet);
    await forgeInternal({ src: b.owner.address, dst: a.wallet.address, body: callBody(a.wallet.abi, "lock", { amount: toNano(1), lockUntil: 0, unlockPeriod: 0 }), amount: toNano(0.1) });
    const t1 = recentGas(a.wallet.address)[0];
    expect(t1.exitCode).to.equal(ERROR_CODE.NO_PENDING);
    accountLast(a.ledger);
    await forgeInternal({ src: b.owner.address, dst: a.wallet.address, body: callBody(a.wallet.abi, "slash", { ratePerMille: 1000, burn: false, informant: b.owner.address }), amount: toNano(0.1) });
    expect(recentGas(a.wallet.address)[0].exitCode).to.equal(ERROR_CODE.UNKNOWN_POSITION);
    accountLast(a.ledger);
    const after = await walletState(a.wallet);
    expect(after.positions).to.deep.equal(before.positions);
    expect(after.totals).to.deep.equal(before.totals);
  });

  it("a stake to a missing root bounces and is rolled back in the wallet", async () => {
    const missing = new Address(`${WC}:${"7".repeat(64)}`);
    await a.ledger.run(a.wallet.methods.stake({ root: missing, amount: toNano(2) }).send({ from: a.owner.address, amount: toNano(1), bounce: true }));
    const p = await getPosition(a.wallet, missing);
    expect(p.pending).to.equal(0n);
    expect(p.locked).to.equal(0n);
  });

  it("redelegation moves a stake to another root of the chain without an unlock period (both delegations at the elector)", async () => {
    const v2 = await validator(WC, { lockPeriod: 7200, unlockPeriod: 7200, commissionPerMille: 0 });
    const before1 = BigInt((await v.root.getters.getStakeTotals({}).run()).totalLocked);
    const t = nowSec();
    await a.ledger.run(a.wallet.methods.redelegate({ fromRoot: v.root.address, toRoot: v2.root.address, amount: toNano(3) }).send({ from: a.owner.address, amount: toNano(2), bounce: true }));
    const p2 = await getPosition(a.wallet, v2.root.address);
    expect(p2.locked).to.equal(3n * EVER);
    expect(p2.lockUntil).to.be.within(t + 7200, t + 7210);
    expect((await getPosition(a.wallet, v.root.address)).locked).to.equal(12n * EVER);
    expect(BigInt((await v.root.getters.getStakeTotals({}).run()).totalLocked)).to.equal(before1 - 3n * EVER);
    expect((await v2.root.getters.getStakeTotals({}).run()).totalLocked).to.equal(toNano(3));
    const acc1 = await v.elector.getters.getAccount({ validatorKey: String(v.key) } as never).run();
    const acc2 = await v.elector.getters.getAccount({ validatorKey: String(v2.key) } as never).run();
    expect(BigInt(acc1.delegation)).to.equal(before1 - 3n * EVER);
    expect(acc2.delegation).to.equal(toNano(3));
    expect((await v.root.getters.getOutgoingRedelegations({}).run()).outgoing).to.deep.equal([]);
    expect((await eventsOf(v.root, "RedelegationConfirmed")).length).to.equal(1);
    await checkRootIdentities(v2.root, 0n);
  });

  it("a redelegation to a root that is not a candidate is refused by the elector and restored everywhere", async () => {
    const v3 = await validator(WC, {}, 0); // deployed, never nominated: Eligible
    const before = await getPosition(a.wallet, v.root.address);
    await a.ledger.run(a.wallet.methods.redelegate({ fromRoot: v.root.address, toRoot: v3.root.address, amount: toNano(1) }).send({ from: a.owner.address, amount: toNano(2), bounce: true }));
    const after = await getPosition(a.wallet, v.root.address);
    expect(after.locked).to.equal(before.locked);
    expect((await walletState(a.wallet)).redelegations).to.deep.equal([]);
    const rev = await eventsOf<{ amount: string; reason: string }>(v.root, "RedelegationReverted");
    expect(rev[rev.length - 1]).to.deep.include({ amount: toNano(1), reason: String(ERROR_CODE.NOT_CANDIDATE) });
  });

  it("root back to Eligible: a Return job gives every stake back at once, the deposit becomes withdrawable", async () => {
    // expiry takes NOMINATION_EXPIRATION terms; the test sends the elector's onStateChanged(Eligible)
    await forgeInternal({ src: v.elector.address, dst: v.root.address, body: callBody(v.root.abi, "onStateChanged", { state: 0, termId: 30 }), amount: toNano(0.1) });
    // the root's gas fund pays the job: a plain transfer funds it, then anyone resumes
    const job = await v.root.getters.getJob({}).run();
    if (job.kind !== "0") {
      await locklift.provider.sendMessage({ sender: v.owner.address, recipient: v.root.address, amount: toNano(5), bounce: false });
      await v.root.methods.resumeJob({}).send({ from: v.owner.address, amount: toNano(3), bounce: true });
    }
    expect((await v.root.getters.getJob({}).run()).kind).to.equal("0");
    expect((await v.root.getters.getStakeTotals({}).run()).totalLocked).to.equal("0");
    for (const s of [a, b]) {
      const p = await getPosition(s.wallet, v.root.address);
      expect(p.locked + p.unlocking + p.revoking).to.equal(0n);
      accountAll(s.ledger);
    }
    // the deposit goes back to its owner, only now
    const dest = v.owner.address;
    const before = await balanceOf(dest);
    await v.root.methods.withdrawDeposit({ to: dest }).send({ from: v.owner.address, amount: toNano(0.5), bounce: true });
    expect((await balanceOf(dest)) - before > 99n * EVER).to.equal(true);
    expect((await v.root.getters.getNomination({}).run()).deposit).to.equal("0");
  });
});
