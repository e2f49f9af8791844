/**
 * Slashing across many wallets (DDVS.md §5, docs/architecture.md §7, §9): batched jobs of
 * JOB_BATCH wallets per transaction with continuations, paused when the root's gas fund runs dry
 * and resumed by anyone, complete for 1,000 wallets (DDVS_SLASH_WALLETS overrides the count) and
 * move exactly floor(x · rate / 1000) of every locked / unlocking stake, checked to the nanoever.
 *
 * Real DePoolWallet, DePoolRoot and DElectorConfig (dev network, workchain 1, with
 * DELEGATOR_SLASH_RATE = 1000 and SLASH_TO_INFORMANT = 0). The stakers' owner messages are forged in
 * bulk (test/helpers/bulk.ts) to keep the run short. The 1000‰ ban is the protocol's own path:
 * the validator is elected (endTerm), a double vote signed with its signing key is reported
 * (reportDoubleVote), the elector bans it and sends onBan. No elector rule sends `slashDelegators`
 * (docs/messages.md §3), so the 0‰ and 10‰ slashes are sent from the elector's address by the test.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { keyPairFromSeed } from "@ton/crypto";
import { makeWallet, timeTravel } from "../helpers";
import { makeDoubleVote } from "../../src/simulator/doubleVote";
import { devNetwork } from "../../src/deploy";
import { forgeInternal, callBody, eventsOf, recentGas } from "../helpers/forge";
import { checkRootIdentities } from "../helpers/invariants";
import { validator, Validator } from "../helpers/suite";
import { bulkStakers, BulkStakers, enqueueAll, fullLedger, receivedFrom, selfTxGas } from "../helpers/bulk";
import { getPosition } from "../helpers/wallet";

const WC = 1;
const N = Number(process.env.DDVS_SLASH_WALLETS ?? 1000);
const EVER = 1_000_000_000n;
const BURN = `0:${"0".repeat(64)}`;
/** wallets that also have stake unlocking when the slash comes (slashable too) */
const UNLOCKERS = Math.min(20, N);

describe(`slashing: batched jobs over ${N} wallets`, function () {
  this.timeout(900_000);
  let v: Validator;
  let s: BulkStakers;
  let keeper: Awaited<ReturnType<typeof makeWallet>>;
  const locked: bigint[] = [];
  const unlocking: bigint[] = [];
  const slashedExpected: bigint[] = [];
  const walletSet = new Set<string>();

  const elector = (method: string, params: Record<string, unknown>, amount = toNano(0.1)) =>
    forgeInternal({ src: v.elector.address, dst: v.root.address, body: callBody(v.root.abi, method, params), amount });
  const job = () => v.root.getters.getJob({}).run();

  before(async () => {
    const t0 = Date.now();
    keeper = await makeWallet(500, WC);
    v = await validator(WC, { lockPeriod: 3600, unlockPeriod: 7200, commissionPerMille: 0 });
    s = await bulkStakers(v.root, N, (i) => EVER + BigInt(i) * 1_234_567n);
    s.wallets.forEach((w) => walletSet.add(w.address.toString()));
    // some stakers have part of their stake unlocking (slashable until releaseAt)
    await enqueueAll(
      s.wallets.slice(0, UNLOCKERS).map((w, i) => ({ src: s.owners[i].toString(), dst: w.address.toString(), amount: toNano(1), body: callBody(w.abi, "unlock", { root: v.root.address, amount: (s.stakes[i] / 3n).toString() }) })),
    );
    for (let i = 0; i < N; i++) {
      const u = i < UNLOCKERS ? s.stakes[i] / 3n : 0n;
      locked.push(s.stakes[i] - u);
      unlocking.push(u);
      slashedExpected.push(0n);
    }
    console.log(`      ${N} wallets deployed, funded, staked in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  });

  it(`${N} stakes are on the root's and the elector's books`, async () => {
    const t = await v.root.getters.getStakeTotals({}).run();
    const sum = locked.reduce((a, b) => a + b, 0n);
    expect(t).to.deep.equal({ totalLocked: sum.toString(), walletCount: String(N), unsyncedDelegation: "0" });
    const acc = await v.elector.getters.getAccount({ validatorKey: String(v.key) } as never).run();
    expect(acc.delegation).to.equal(sum.toString());
    const p = await getPosition(s.wallets[0], v.root.address);
    expect(p.unlocking).to.equal(unlocking[0]);
    await checkRootIdentities(v.root, 0n);
    for (const i of [0, N - 1]) await fullLedger(s.wallets[i]).check();
  });

  it("0‰: the slash job finishes at once and moves nothing", async () => {
    const before = await v.root.getters.getStakeTotals({}).run();
    await elector("slashDelegators", { ratePerMille: 0, burn: false, informant: keeper.address });
    const fin = await eventsOf<{ wallets: string; slashedLocked: string }>(v.root, "JobFinished");
    expect(fin[fin.length - 1]).to.deep.include({ wallets: "0", slashedLocked: "0" });
    expect((await job()).kind).to.equal("0");
    expect(await v.root.getters.getStakeTotals({}).run()).to.deep.equal(before);
  });

  it(`10‰ across ${N} wallets: pauses when the gas fund is dry, resumed by anyone, exact coins to the informant`, async () => {
    const informant = await makeWallet(1, WC);
    await elector("slashDelegators", { ratePerMille: 10, burn: false, informant: informant.address });
    let resumes = 0;
    while ((await job()).kind !== "0") {
      await v.root.methods.resumeJob({}).send({ from: keeper.address, amount: toNano(3), bounce: true });
      resumes++;
      expect(resumes).to.be.below(200);
    }
    let expectedTotal = 0n;
    let cutLocked = 0n;
    for (let i = 0; i < N; i++) {
      const c = (locked[i] * 10n) / 1000n + (unlocking[i] * 10n) / 1000n;
      cutLocked += (locked[i] * 10n) / 1000n;
      locked[i] -= (locked[i] * 10n) / 1000n;
      unlocking[i] -= (unlocking[i] * 10n) / 1000n;
      slashedExpected[i] += c;
      expectedTotal += c;
    }
    const fin = await eventsOf<{ wallets: string; slashedLocked: string }>(v.root, "JobFinished");
    expect(fin[fin.length - 1]).to.deep.include({ wallets: String(N), slashedLocked: cutLocked.toString() });
    for (let i = 0; i < N; i++) {
      const st = await fullLedger(s.wallets[i]).check(); // coin identity, to the nanoever
      expect(st.totals.slashed, `wallet ${i}`).to.equal(slashedExpected[i]);
    }
    expect(receivedFrom(informant.address, walletSet)).to.equal(expectedTotal);
    const sum = locked.reduce((a, b) => a + b, 0n);
    expect((await v.root.getters.getStakeTotals({}).run()).totalLocked).to.equal(sum.toString());
    // the elector was told the total cut at the end of the job
    expect((await v.elector.getters.getAccount({ validatorKey: String(v.key) } as never).run()).delegation).to.equal(sum.toString());
    const gas = selfTxGas(v.root.address);
    console.log(`      ${resumes} resumeJob calls; continuation batches: ${gas.length}, max gas ${Math.max(0, ...gas)}`);
    await checkRootIdentities(v.root, 0n);
  });

  it(`1000‰ ban (double vote reported to the elector) across ${N} wallets: deposit seized, every stake slashed whole and burned, continuations alone finish it`, async () => {
    const informant = await makeWallet(1, WC);
    // fund the job (plain transfer joins the gas fund)
    await locklift.provider.sendMessage({ sender: keeper.address, recipient: v.root.address, amount: toNano(120), bounce: false });
    const deposit = BigInt((await v.root.getters.getNomination({}).run()).deposit);
    // elect the validator: close the term (standalone chain elects and installs at once)
    const term = await v.elector.getters.getCurrentTerm({}).run();
    await timeTravel(Math.max(0, Number(term.termEndsAt) - Math.floor(locklift.testing.getCurrentTime() / 1000)) + 1);
    const endValue = (await v.elector.getters.getRequiredValue({ functionId: 0x420f29cf } as never).run()) as unknown as { value: string };
    expect(BigInt(endValue.value) > 0n).to.equal(true);
    await v.elector.methods.endTerm({}).send({ from: keeper.address, amount: (BigInt(endValue.value) + EVER).toString(), bounce: true });
    expect((await v.elector.getters.getValidator({ validatorKey: String(v.key) } as never).run()).inSet).to.equal("1");
    expect((await v.root.getters.getDetails({}).run()).state).to.equal("2");
    const termId = Number((await v.elector.getters.getCurrentTerm({}).run()).termId);
    const dv = makeDoubleVote({ networkId: devNetwork().networkId, termId, height: 7, round: 0, validator: { key: v.key.toString(16).padStart(64, "0"), signingKey: keyPairFromSeed(Buffer.from(v.signing.secretKey, "hex")) } });
    await v.elector.methods
      .reportDoubleVote({ validatorKey: String(v.key), header1: dv.header1, r1: dv.rs1.r.toString(), s1: dv.rs1.s.toString(), header2: dv.header2, r2: dv.rs2.r.toString(), s2: dv.rs2.s.toString(), informant: informant.address } as never)
      .send({ from: keeper.address, amount: toNano(5), bounce: true }); // ≥ 1 EVER + 0.6 EVER × chains
    const reported = recentGas(v.elector.address, 1)[0];
    expect(reported.exitCode, "reportDoubleVote exit code").to.equal(0);
    expect((await v.elector.getters.getAccount({ validatorKey: String(v.key) } as never).run()).state).to.equal("4");
    expect((await job()).kind).to.equal("0");
    expect((await v.root.getters.getDetails({}).run()).state).to.equal("4");
    const banned = await eventsOf<{ seizedDeposit: string }>(v.root, "Banned");
    expect(banned).to.have.length(1);
    expect((banned[0] as unknown as { informant: Address }).informant.equals(informant.address)).to.equal(true);
    expect(banned[0].seizedDeposit).to.equal(deposit.toString());
    expect(Number((banned[0] as unknown as { termId: string }).termId)).to.equal(termId);
    expect(receivedFrom(informant.address, new Set([v.root.address.toString()]))).to.equal(deposit);
    let burned = 0n;
    for (let i = 0; i < N; i++) {
      slashedExpected[i] += locked[i] + unlocking[i];
      burned += locked[i] + unlocking[i];
    }
    expect(await v.root.getters.getStakeTotals({}).run()).to.deep.equal({ totalLocked: "0", walletCount: "0", unsyncedDelegation: "0" });
    for (let i = 0; i < N; i++) {
      const st = await fullLedger(s.wallets[i]).check(); // coin identity, to the nanoever
      expect(st.totals.slashed, `wallet ${i}`).to.equal(slashedExpected[i]);
      expect(st.positions.length, `wallet ${i} positions`).to.equal(0);
    }
    expect(receivedFrom(new Address(BURN), walletSet)).to.equal(burned);
    const fin = await eventsOf<{ wallets: string }>(v.root, "JobFinished");
    expect(fin[fin.length - 1].wallets).to.equal(String(N));
    const gas = selfTxGas(v.root.address);
    console.log(`      job batches (continuations) so far: ${gas.length}, max gas per batch ${Math.max(...gas)}`);
    await checkRootIdentities(v.root, 0n);
    // a banned root accepts no stake: the wallet is given its coins back
    await enqueueAll([{ src: s.owners[0].toString(), dst: s.wallets[0].address.toString(), amount: toNano(1), body: callBody(s.wallets[0].abi, "stake", { root: v.root.address, amount: toNano(1) }) }]);
    expect((await getPosition(s.wallets[0], v.root.address)).locked).to.equal(0n);
    await fullLedger(s.wallets[0]).check();
  });
});
