/**
 * DePoolRoot on its own (docs/messages.md §3): constructor trust (ELECTOR_ADDRESS_HASH),
 * sender checks, owner calls, the stake registry with wallets that accept everything
 * (rootHarness `sinkWallets`), and elector notifications driven by forged elector messages.
 * The elector address has no contract in these tests, so every root → elector message bounces:
 * the tests check those bounce paths too.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { ERROR_CODE } from "../../build/errors";
import { makeWallet, balanceOf, timeTravel } from "../helpers";
import { forgeInternal, forgeBounce, callBody, lastTx, eventsOf, recentGas } from "../helpers/forge";
import { checkRootIdentities, rootBooks } from "../helpers/invariants";
import { deployRootForged, walletOf, EMPTY_CELL } from "../helpers/rootHarness";
import { devNetwork, electorAddress } from "../../src/deploy";
import { nowSec, withClockStopped } from "../../src/dev/executor";

const STATE = { Eligible: 0, Candidate: 1, Validator: 2, Jailed: 3, Banned: 4 };

/** Constructed: the account exists and its constructor ran (a refused constructor leaves at most an
 * unconstructed account with no balance: the StateInit is applied before the compute phase). */
async function isConstructed(a: Address): Promise<boolean> {
  const s = await locklift.provider.getFullContractState({ address: a });
  if (!s.state?.isDeployed) return false;
  const root = locklift.factory.getDeployedContract("DePoolRoot", a);
  return (await root.fields._constructorFlag()) === true;
}

describe("DePoolRoot: constructor and trust", () => {
  it("is constructed only by the elector of its workchain (ELECTOR_ADDRESS_HASH) and sets elector, state, policy", async () => {
    const owner = await makeWallet(20);
    const before = await balanceOf(owner.address);
    const h = await deployRootForged({ owner: owner.address, policy: { lockPeriod: 100, unlockPeriod: 200, commissionPerMille: 50, minStake: toNano(2) as never, capacity: toNano(1000) as never } });
    expect(await isConstructed(h.root.address)).to.equal(true);
    const d = await h.root.getters.getDetails({}).run();
    expect(d.networkId).to.equal(String(devNetwork().networkId));
    expect(d.validatorKey).to.equal(String(h.validatorKey));
    expect(d.owner.equals(owner.address)).to.equal(true);
    expect(d.elector.equals(h.elector)).to.equal(true);
    expect(d.state).to.equal("0");
    const p = await h.root.getters.getPolicy({}).run();
    expect(p).to.deep.equal({ lockPeriod: "100", unlockPeriod: "200", commissionPerMille: "50", minStake: toNano(2), capacity: toNano(1000) });
    // ROOT_RESERVE kept, the change went to the owner
    const bal = await balanceOf(h.root.address);
    expect(bal > 900_000_000n && bal <= 1_000_000_000n).to.equal(true);
    expect((await balanceOf(owner.address)) > before + 800_000_000n).to.equal(true);
  });

  it("refuses a constructor from any other sender (NOT_AUTHORIZED): the root is never constructed and keeps no coin", async () => {
    const owner = await makeWallet(20);
    const other = await makeWallet(5);
    const h = await deployRootForged({ owner: owner.address, from: other.address });
    expect(await isConstructed(h.root.address)).to.equal(false);
    const tx = await lastTx(h.root.address);
    expect(tx?.exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED);
    expect(tx?.aborted).to.equal(true);
    expect(await balanceOf(h.root.address)).to.equal(0n);
  });

  it("refuses the elector of another workchain and the masterchain (WRONG_WORKCHAIN)", async () => {
    const owner = await makeWallet(20);
    const net = devNetwork();
    const elector1 = await electorAddress(locklift, net.networkId, net.deployPublicKey, 1);
    const h = await deployRootForged({ owner: owner.address, from: elector1 });
    expect(await isConstructed(h.root.address)).to.equal(false);
    expect((await lastTx(h.root.address))?.exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED);
    const electorM = await electorAddress(locklift, net.networkId, net.deployPublicKey, -1);
    const m = await deployRootForged({ owner: owner.address, from: electorM, workchain: -1 });
    expect(await isConstructed(m.root.address)).to.equal(false);
    expect((await lastTx(m.root.address))?.exitCode).to.equal(ERROR_CODE.WRONG_WORKCHAIN);
  });

  it("refuses a second constructor (ALREADY_INITIALIZED) and external messages", async () => {
    const owner = await makeWallet(20);
    const h = await deployRootForged({ owner: owner.address });
    const before = await h.root.getters.getPolicy({}).run();
    await h.fromElector("constructor", { lockPeriod: 1, unlockPeriod: 1, commissionPerMille: 1, minStake: "1", capacity: "1", walletCode: EMPTY_CELL }, toNano(2));
    expect((await lastTx(h.root.address))?.exitCode).to.equal(ERROR_CODE.ALREADY_INITIALIZED);
    expect(await h.root.getters.getPolicy({}).run()).to.deep.equal(before);
  });
});

describe("DePoolRoot: sender checks", () => {
  it("elector-only, wallet-only, owner-only and self-only entries refuse other senders with NOT_AUTHORIZED and change nothing", async () => {
    const owner = await makeWallet(50);
    const stranger = await makeWallet(50);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true });
    const { abi } = locklift.factory.getContractArtifacts("DePoolRoot");
    const snapshot = async () => JSON.stringify([await h.root.getters.getDetails({}).run(), await h.root.getters.getStakeTotals({}).run(), await h.root.getters.getRewards({}).run(), await h.root.getters.getNomination({}).run()]);
    const s0 = await snapshot();
    const calls: [string, Record<string, unknown>][] = [
      ["onStateChanged", { state: 1, termId: 1 }],
      ["onReward", { amount: toNano(1), termId: 1 }],
      ["onNominated", { deposit: "0", totalDeposit: "0", nominationEnd: 5, state: 1 }],
      ["onBan", { ratePerMille: 0, burn: false, informant: stranger.address, termId: 1 }],
      ["slashDelegators", { ratePerMille: 0, burn: false, informant: stranger.address }],
      ["acceptRedelegation", { amount: toNano(5), wallet: stranger.address, lockUntil: 0, fromRoot: stranger.address }],
      ["redelegationResult", { amount: "1", nonce: 0, reason: 0 }],
      ["requestStake", { amount: toNano(5), walletOwner: stranger.address }],
      ["revoke", { amount: toNano(5), walletOwner: stranger.address }],
      ["claimReward", { walletOwner: stranger.address }],
      ["setCommission", { commissionPerMille: 0 }],
      ["withdrawCommission", { to: stranger.address }],
      ["selfNominate", { deposit: "0", signingKey: "1", metadata: "" }],
      ["continueJob", { jobId: 0, cursor: stranger.address }],
    ];
    for (const [method, params] of calls) {
      await forgeInternal({ src: stranger.address, dst: h.root.address, body: callBody(abi, method, params), amount: toNano(5) });
      const tx = await lastTx(h.root.address);
      expect(tx?.exitCode, method).to.equal(ERROR_CODE.NOT_AUTHORIZED);
    }
    expect(await snapshot()).to.equal(s0);
  });

  it("a forged wallet (other code, or another owner's address) cannot stake: NOT_AUTHORIZED", async () => {
    const owner = await makeWallet(50);
    const alice = await makeWallet(10);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true });
    await h.fromElector("onStateChanged", { state: STATE.Candidate, termId: 1 });
    const { abi } = locklift.factory.getContractArtifacts("DePoolRoot");
    // the real wallet of alice claims to be bob's
    const aliceWallet = await walletOf(h.root, alice.address);
    await forgeInternal({ src: aliceWallet, dst: h.root.address, body: callBody(abi, "requestStake", { amount: toNano(5), walletOwner: owner.address }), amount: toNano(1) });
    expect((await lastTx(h.root.address))?.exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED);
    expect((await h.root.getters.getStakeTotals({}).run()).totalLocked).to.equal("0");
  });
});

describe("DePoolRoot: wallet authenticity with and without a stakes entry", () => {
  it("requestStake / revoke / claimReward: a sender without an entry must be the canonical wallet; forged senders fail NOT_AUTHORIZED whether or not the owner they claim has an entry; nothing changes", async () => {
    const owner = await makeWallet(50);
    const alice = await makeWallet(10);
    const bob = await makeWallet(10);
    const stranger = await makeWallet(10);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true });
    await h.fromElector("onStateChanged", { state: STATE.Candidate, termId: 1 });
    const aliceWallet = await h.deployWallet(alice.address);
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(5) });
    expect((await h.root.getters.getStake({ wallet: aliceWallet } as never).run()).exists).to.equal("1");
    const bobWallet = await walletOf(h.root, bob.address); // canonical address, no entry
    const { abi } = locklift.factory.getContractArtifacts("DePoolRoot");
    const books = async () => JSON.stringify(await rootBooks(h.root), (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Map ? [...v] : v));
    const before = await books();
    const forged: [string, Address, Address][] = [
      ["a plain wallet claiming the owner of an entry", stranger.address, alice.address],
      ["a plain wallet claiming itself (no entry anywhere)", stranger.address, stranger.address],
      ["the root's owner claiming the owner of an entry", owner.address, alice.address],
      ["another owner's canonical wallet (no entry) claiming the owner of an entry", bobWallet, alice.address],
    ];
    for (const method of ["requestStake", "revoke", "claimReward"]) {
      for (const [what, src, walletOwner] of forged) {
        const params = method === "claimReward" ? { walletOwner } : { amount: toNano(1), walletOwner };
        await forgeInternal({ src, dst: h.root.address, body: callBody(abi, method, params), amount: toNano(1) });
        expect(recentGas(h.root.address, 1)[0].exitCode, `${method} from ${what}`).to.equal(ERROR_CODE.NOT_AUTHORIZED);
      }
    }
    expect(await books()).to.equal(before);
    // the wallet with an entry is accepted without the StateInit recomputation; the calls take effect
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(2) });
    await h.fromWallet(alice.address, "revoke", { amount: toNano(3) });
    await h.fromElector("onReward", { amount: toNano(1), termId: 2 }, toNano(2));
    await h.fromWallet(alice.address, "claimReward", {});
    const claims = await eventsOf<{ wallet: Address; amount: string }>(h.root, "RewardClaimed");
    expect(claims.map((c) => c.wallet.toString())).to.deep.equal([aliceWallet.toString()]);
    expect(BigInt(claims[0].amount) > 0n).to.equal(true);
    expect((await h.root.getters.getStake({ wallet: aliceWallet } as never).run()).locked).to.equal(toNano(4));
    await checkRootIdentities(h.root, BigInt(claims[0].amount));
  });
});

describe("DePoolRoot: stakes and revokes (wallets that accept everything)", () => {
  it("rejects stakes while Eligible (ROOT_INACTIVE), below minStake (STAKE_TOO_SMALL), over capacity (ROOT_FULL), then locks", async () => {
    const owner = await makeWallet(50);
    const alice = await makeWallet(10);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true, policy: { lockPeriod: 1000, minStake: BigInt(toNano(2)), capacity: BigInt(toNano(10)) } });
    const wallet = await h.deployWallet(alice.address);
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(5) });
    await h.fromElector("onStateChanged", { state: STATE.Candidate, termId: 1 });
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(1) });
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(11) });
    const rejected = await eventsOf<{ wallet: Address; amount: string; reason: string }>(h.root, "StakeRejected");
    expect(rejected.map((e) => [e.wallet.toString(), e.amount, Number(e.reason)])).to.deep.equal([
      [wallet.toString(), toNano(5), ERROR_CODE.ROOT_INACTIVE],
      [wallet.toString(), toNano(1), ERROR_CODE.STAKE_TOO_SMALL],
      [wallet.toString(), toNano(11), ERROR_CODE.ROOT_FULL],
    ]);
    expect((await h.root.getters.getStakeTotals({}).run()).totalLocked).to.equal("0");
    // the clock stopped: the stake locks in the second read here, however slow the machine
    const now = await withClockStopped(async () => {
      const t = nowSec();
      await h.fromWallet(alice.address, "requestStake", { amount: toNano(10) });
      return t;
    });
    const locked = await eventsOf<{ amount: string; lockUntil: string; totalLocked: string }>(h.root, "StakeLocked");
    expect(locked).to.have.length(1);
    expect(locked[0].amount).to.equal(toNano(10));
    expect(Number(locked[0].lockUntil)).to.equal(now + 1000);
    const s = await h.root.getters.getStake({ wallet } as never).run();
    expect(s).to.deep.include({ exists: "1", locked: toNano(10), lockUntil: locked[0].lockUntil });
    // the delegate delta to the (absent) elector bounced: kept as unsynced
    const t = await h.root.getters.getStakeTotals({}).run();
    expect(t).to.deep.equal({ totalLocked: toNano(10), walletCount: "1", unsyncedDelegation: toNano(10) });
    expect(await eventsOf(h.root, "DelegationSyncFailed")).to.have.length(1);
    await checkRootIdentities(h.root, 0n);
  });

  it("wallet calls with bad input change nothing: amount 0 (BAD_ARGUMENT), revoke over the stake (INSUFFICIENT_STAKE), low value (LOW_VALUE)", async () => {
    const owner = await makeWallet(50);
    const alice = await makeWallet(10);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true });
    await h.deployWallet(alice.address);
    await h.fromElector("onStateChanged", { state: STATE.Candidate, termId: 1 });
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(3) });
    const before = JSON.stringify(await rootBooks(h.root), (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Map ? [...v] : v));
    const cases: [string, Record<string, unknown>, string, number][] = [
      ["requestStake", { amount: "0" }, toNano(1), ERROR_CODE.BAD_ARGUMENT],
      ["requestStake", { amount: toNano(3) }, toNano(0.4), ERROR_CODE.LOW_VALUE],
      ["revoke", { amount: "0" }, toNano(1), ERROR_CODE.BAD_ARGUMENT],
      ["revoke", { amount: toNano(4) }, toNano(1), ERROR_CODE.INSUFFICIENT_STAKE],
      ["revoke", { amount: toNano(1) }, toNano(0.2), ERROR_CODE.LOW_VALUE],
      ["claimReward", {}, toNano(0.2), ERROR_CODE.LOW_VALUE],
    ];
    for (const [method, params, value, code] of cases) {
      await h.fromWallet(alice.address, method, params, value);
      const tx = recentGas(h.root.address, 1)[0];
      expect(tx.exitCode, `${method} ${JSON.stringify(params)}`).to.equal(code);
    }
    const after = JSON.stringify(await rootBooks(h.root), (_k, v) => (typeof v === "bigint" ? v.toString() : v instanceof Map ? [...v] : v));
    expect(after).to.equal(before);
  });

  it("revoke: releaseAt = max(lockUntil, now) + unlockPeriod; the entry stays slashable until then, then is removed", async () => {
    const owner = await makeWallet(50);
    const alice = await makeWallet(10);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true, policy: { lockPeriod: 3600, unlockPeriod: 7200 } });
    const wallet = await h.deployWallet(alice.address);
    await h.fromElector("onStateChanged", { state: STATE.Candidate, termId: 1 });
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(10) });
    const lockUntil = Number((await h.root.getters.getStake({ wallet } as never).run()).lockUntil);
    // before lockUntil: release at lockUntil + unlockPeriod
    await h.fromWallet(alice.address, "revoke", { amount: toNano(4) });
    let ev = await eventsOf<{ amount: string; releaseAt: string; totalLocked: string }>(h.root, "Revoked");
    expect(Number(ev[0].releaseAt)).to.equal(lockUntil + 7200);
    expect(ev[0].totalLocked).to.equal(toNano(6));
    // after lockUntil: release at now + unlockPeriod
    await timeTravel(5000);
    const now = await withClockStopped(async () => {
      const t = nowSec();
      await h.fromWallet(alice.address, "revoke", { amount: toNano(6) });
      return t;
    });
    ev = await eventsOf(h.root, "Revoked");
    expect(Number(ev[1].releaseAt)).to.equal(now + 7200);
    const s = await h.root.getters.getStake({ wallet } as never).run();
    expect(s).to.deep.include({ exists: "1", locked: "0", unlockingUntil: ev[1].releaseAt });
    // once unlocking is over, the next action on the entry deletes it
    await timeTravel(7300);
    await h.fromWallet(alice.address, "claimReward", {});
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(1) });
    await h.fromWallet(alice.address, "revoke", { amount: toNano(1) });
    await timeTravel(7300 + 3600);
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(2) });
    const t = await h.root.getters.getStakeTotals({}).run();
    expect(t.totalLocked).to.equal(toNano(2));
    expect(t.walletCount).to.equal("1");
    await checkRootIdentities(h.root, 0n);
  });
});

describe("DePoolRoot: rewards (accumulator, commission, claims)", () => {
  it("splits onReward into commission and stakers' shares, pays claims exactly, keeps the identities to the nanoever", async () => {
    const owner = await makeWallet(50);
    const users = [await makeWallet(10), await makeWallet(10), await makeWallet(10)];
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true, policy: { commissionPerMille: 100 } });
    const wallets: Address[] = [];
    for (const u of users) wallets.push(await h.deployWallet(u.address));
    await h.fromElector("onStateChanged", { state: STATE.Candidate, termId: 1 });
    await h.fromWallet(users[0].address, "requestStake", { amount: "1000000000" });
    await h.fromWallet(users[1].address, "requestStake", { amount: "2000000000" });
    await h.fromWallet(users[2].address, "requestStake", { amount: "3333333333" });
    // reward 1: 10 EVER + 7 nanoevers (odd amounts to exercise the flooring)
    await h.fromElector("onReward", { amount: "10000000007", termId: 3 }, "10100000007");
    const r1 = await eventsOf<{ amount: string; commission: string; accRewardPerStake: string }>(h.root, "RewardReceived");
    expect(r1[0].commission).to.equal("1000000000"); // floor(10000000007 · 100 / 1000)
    await checkRootIdentities(h.root, 0n);
    // a stake change in between: user 0 adds, user 1 revokes part
    await h.fromWallet(users[0].address, "requestStake", { amount: "5000000000" });
    await h.fromWallet(users[1].address, "revoke", { amount: "500000000" });
    await h.fromElector("onReward", { amount: "999", termId: 4 }, toNano(1));
    await checkRootIdentities(h.root, 0n);
    // expected owed per wallet, from the model
    const b = await rootBooks(h.root);
    const owed = [...b.stakes.entries()].map(([a, e]) => [a, (e.owedScaled + e.locked * (b.acc - e.rewardSnapshot)) / 10n ** 18n] as const);
    let claimed = 0n;
    for (let i = 0; i < 3; i++) {
      const before = await balanceOf(wallets[i]);
      const pending = BigInt((await h.root.getters.getStake({ wallet: wallets[i] } as never).run()).pendingReward);
      expect(pending).to.equal(owed.find(([a]) => a === wallets[i].toString())![1]);
      await h.fromWallet(users[i].address, "claimReward", {}, toNano(0.5));
      const got = (await eventsOf<{ wallet: Address; amount: string }>(h.root, "RewardClaimed")).filter((e) => e.wallet.equals(wallets[i]));
      expect(got).to.have.length(1);
      expect(BigInt(got[0].amount)).to.equal(pending);
      claimed += pending;
      // the wallet received the reward plus the change
      expect((await balanceOf(wallets[i])) - before >= pending).to.equal(true);
    }
    const after = await checkRootIdentities(h.root, claimed);
    // 9,000,000,007 + 999 − 99 (commission of 999) for stakers; every nanoever is claimed or dust
    expect(after.commissionBalance).to.equal(1_000_000_000n + 99n);
    expect(claimed + after.rewardBalance).to.equal(10_000_000_007n + 999n - 1_000_000_099n);
    expect(after.rewardBalance < 3n + 1n).to.equal(true); // < 1 nanoever per wallet stays as dust
    // claim again: nothing owed, the change goes straight back to the wallet owner
    await h.fromWallet(users[0].address, "claimReward", {}, toNano(0.5));
    expect((await eventsOf(h.root, "RewardClaimed")).length).to.equal(3);
  });

  it("commission may only decrease; withdrawCommission pays it to `to` exactly; owner checks", async () => {
    const owner = await makeWallet(50);
    const alice = await makeWallet(10);
    const dest = await makeWallet(1);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true, policy: { commissionPerMille: 200 } });
    await h.deployWallet(alice.address);
    await h.fromElector("onStateChanged", { state: STATE.Candidate, termId: 1 });
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(5) });
    const { abi } = locklift.factory.getContractArtifacts("DePoolRoot");
    const ownerCall = (method: string, params: Record<string, unknown>, amount = toNano(0.5)) => forgeInternal({ src: owner.address, dst: h.root.address, body: callBody(abi, method, params), amount });
    await ownerCall("withdrawCommission", { to: dest.address });
    expect(recentGas(h.root.address)[0].exitCode).to.equal(ERROR_CODE.NOTHING_TO_WITHDRAW);
    await ownerCall("setCommission", { commissionPerMille: 200 });
    expect(recentGas(h.root.address)[0].exitCode).to.equal(ERROR_CODE.COMMISSION_NOT_LOWER);
    await ownerCall("setCommission", { commissionPerMille: 150 });
    expect(recentGas(h.root.address)[0].exitCode).to.equal(0);
    expect((await h.root.getters.getPolicy({}).run()).commissionPerMille).to.equal("150");
    expect(await eventsOf(h.root, "CommissionChanged")).to.deep.equal([{ from: "200", to: "150" }]);
    await h.fromElector("onReward", { amount: toNano(2), termId: 2 }, toNano(2.1));
    expect((await rootBooks(h.root)).commissionBalance).to.equal(300_000_000n);
    const before = await balanceOf(dest.address);
    await ownerCall("withdrawCommission", { to: dest.address }, toNano(0.1));
    const got = (await balanceOf(dest.address)) - before;
    expect(got >= 300_000_000n && got < 400_000_000n).to.equal(true);
    const b = await checkRootIdentities(h.root, 0n);
    expect(b.commissionPaid).to.equal(300_000_000n);
    expect(b.commissionBalance).to.equal(0n);
    // the deposit is not withdrawable while there is none (and only when Eligible)
    await ownerCall("withdrawDeposit", { to: dest.address });
    expect(recentGas(h.root.address)[0].exitCode).to.equal(ERROR_CODE.DEPOSIT_LOCKED);
  });

  it("onReward needs its amount attached (LOW_VALUE); with nothing locked the reward is dust, never lost", async () => {
    const owner = await makeWallet(50);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true, policy: { commissionPerMille: 0 } });
    await h.fromElector("onReward", { amount: toNano(5), termId: 1 }, toNano(1));
    expect(recentGas(h.root.address)[0].exitCode).to.equal(ERROR_CODE.LOW_VALUE);
    await h.fromElector("onReward", { amount: toNano(5), termId: 1 }, toNano(5.1));
    const b = await checkRootIdentities(h.root, 0n);
    expect(b.rewardBalance).to.equal(5_000_000_000n);
    expect(b.dustScaled).to.equal(5_000_000_000n * 10n ** 18n);
  });
});

describe("DePoolRoot: nomination (no elector at the address: the nominate bounces)", () => {
  it("selfNominate checks value and metadata; a refused nomination refunds the deposit to the owner (NominationFailed)", async () => {
    const owner = await makeWallet(200);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true });
    const { abi } = locklift.factory.getContractArtifacts("DePoolRoot");
    const nominate = (deposit: string, metadata: Buffer, amount: string) => forgeInternal({ src: owner.address, dst: h.root.address, body: callBody(abi, "selfNominate", { deposit, signingKey: "7", metadata: metadata.toString("base64") }), amount });
    await nominate(toNano(10), Buffer.alloc(0), toNano(10.5));
    expect(recentGas(h.root.address)[0].exitCode).to.equal(ERROR_CODE.LOW_VALUE);
    await nominate(toNano(10), Buffer.alloc(129, 0xab), toNano(12));
    expect(recentGas(h.root.address)[0].exitCode).to.equal(ERROR_CODE.METADATA_TOO_LONG);
    const rootBefore = await balanceOf(h.root.address);
    await nominate(toNano(10), Buffer.alloc(128, 0xab), toNano(12));
    const failed = await eventsOf<{ deposit: string }>(h.root, "NominationFailed");
    expect(failed).to.deep.equal([{ deposit: toNano(10) }]);
    expect(await h.root.getters.getNomination({}).run()).to.deep.include({ deposit: "0", pendingDeposit: "0" });
    // the root kept nothing of it (it only paid its own gas out of the flow's value)
    expect((await balanceOf(h.root.address)) <= rootBefore).to.equal(true);
  });
});

describe("DePoolRoot: bounce handlers (docs/messages.md §5)", () => {
  it("a bounced lock undoes the stake (revoked at the elector with the next delta); a bounced reward is owed again", async () => {
    const owner = await makeWallet(50);
    const alice = await makeWallet(10);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true, policy: { commissionPerMille: 0 } });
    const wallet = await h.deployWallet(alice.address);
    await h.fromElector("onStateChanged", { state: STATE.Candidate, termId: 1 });
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(7) });
    // the elector is absent: the delegate delta bounced, +7 EVER unsynced
    expect((await h.root.getters.getStakeTotals({}).run()).unsyncedDelegation).to.equal(toNano(7));
    const { abi: wabi } = locklift.factory.getContractArtifacts("DePoolWallet");
    const lockBody = callBody(wabi, "lock", { amount: toNano(7), lockUntil: 1, unlockPeriod: 1 });
    await forgeBounce({ src: wallet, dst: h.root.address, originalBody: lockBody, amount: toNano(0.05) });
    expect(recentGas(h.root.address)[0].exitCode).to.equal(0);
    const t = await h.root.getters.getStakeTotals({}).run();
    expect(t).to.deep.equal({ totalLocked: "0", walletCount: "0", unsyncedDelegation: "0" });
    const failed = await eventsOf<{ wallet: Address; functionId: string }>(h.root, "WalletMessageFailed");
    expect(failed.map((e) => [e.wallet.toString(), Number(e.functionId)])).to.deep.equal([[wallet.toString(), 0x180868b9]]);
    // reward: stake again, reward, claim, then the reward message bounces
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(2) });
    await h.fromElector("onReward", { amount: "1000000", termId: 2 }, toNano(0.2));
    await h.fromWallet(alice.address, "claimReward", {}, toNano(0.5));
    const claimedEv = await eventsOf<{ amount: string }>(h.root, "RewardClaimed");
    expect(claimedEv.map((e) => e.amount)).to.deep.equal(["1000000"]);
    let b = await checkRootIdentities(h.root, 1_000_000n);
    expect(b.rewardBalance).to.equal(0n);
    await forgeBounce({ src: wallet, dst: h.root.address, originalBody: callBody(wabi, "reward", { amount: "1000000" }), amount: toNano(0.05) });
    b = await checkRootIdentities(h.root, 0n);
    expect(b.rewardBalance).to.equal(1_000_000n);
    expect((await h.root.getters.getStake({ wallet } as never).run()).pendingReward).to.equal("1000000");
  });

  it("a bounced redelegate (elector) restores the stake by nonce and tells the wallet", async () => {
    const owner = await makeWallet(50);
    const alice = await makeWallet(10);
    const other = await makeWallet(1);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true });
    const wallet = await h.deployWallet(alice.address);
    await h.fromElector("onStateChanged", { state: STATE.Candidate, termId: 1 });
    await h.fromWallet(alice.address, "requestStake", { amount: toNano(6) });
    const lockUntil = (await h.root.getters.getStake({ wallet } as never).run()).lockUntil;
    // the elector is absent: redelegate bounces at once
    await h.fromWallet(alice.address, "redelegate", { amount: toNano(4), toRoot: other.address }, toNano(1.5));
    const s = await h.root.getters.getStake({ wallet } as never).run();
    expect(s).to.deep.include({ locked: toNano(6), lockUntil });
    expect((await h.root.getters.getOutgoingRedelegations({}).run()).outgoing).to.deep.equal([]);
    const rev = await eventsOf<{ amount: string; reason: string }>(h.root, "RedelegationReverted");
    expect(rev).to.have.length(1);
    expect(rev[0]).to.deep.include({ amount: toNano(4), reason: "0" });
    expect((await h.root.getters.getStakeTotals({}).run()).totalLocked).to.equal(toNano(6));
    // a redelegationResult for an unknown nonce changes nothing
    await h.fromElector("redelegationResult", { amount: toNano(4), nonce: 0, reason: 0 });
    expect(recentGas(h.root.address)[0].exitCode).to.equal(ERROR_CODE.UNKNOWN_REDELEGATION);
  });
});

describe("DePoolRoot: propose and vote (forwarded to the elector)", () => {
  it("forwards propose/vote with the validator's identity; a refused call returns its value to the owner (ElectorCallFailed)", async () => {
    const owner = await makeWallet(50);
    const h = await deployRootForged({ owner: owner.address, sinkWallets: true });
    const { abi } = locklift.factory.getContractArtifacts("DePoolRoot");
    const rootBefore = await balanceOf(h.root.address);
    await forgeInternal({ src: owner.address, dst: h.root.address, body: callBody(abi, "propose", { change: { param: 5, value: 100 }, payload: EMPTY_CELL, expiresAt: 2_000_000_000 }), amount: toNano(0.5) });
    expect(recentGas(h.root.address)[0].exitCode).to.equal(ERROR_CODE.LOW_VALUE);
    await forgeInternal({ src: owner.address, dst: h.root.address, body: callBody(abi, "propose", { change: { param: 5, value: 100 }, payload: EMPTY_CELL, expiresAt: 2_000_000_000 }), amount: toNano(3) });
    await forgeInternal({ src: owner.address, dst: h.root.address, body: callBody(abi, "vote", { id: { originChain: -1, seq: 4 }, yes: true }), amount: toNano(1) });
    const sent = await eventsOf<{ param: string; value: string }>(h.root, "ProposalSent");
    expect(sent).to.have.length(1);
    expect(sent[0]).to.deep.include({ param: "5", value: "100" });
    const votes = await eventsOf<{ seq: string; yes: boolean }>(h.root, "VoteSent");
    expect(votes).to.have.length(1);
    expect(votes[0]).to.deep.include({ originChain: "-1", seq: "4", yes: true });
    // the elector is absent here: both bounce, and the root gives the value back to its owner
    const failed = await eventsOf<{ functionId: string }>(h.root, "ElectorCallFailed");
    expect(failed.map((e) => Number(e.functionId))).to.deep.equal([0x496264ed, 0x533c2bf1]);
    expect((await balanceOf(h.root.address)) <= rootBefore).to.equal(true);
    // the stranger may not propose
    const stranger = await makeWallet(5);
    await forgeInternal({ src: stranger.address, dst: h.root.address, body: callBody(abi, "vote", { id: { originChain: -1, seq: 4 }, yes: true }), amount: toNano(1) });
    expect(recentGas(h.root.address)[0].exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED);
  });
});
