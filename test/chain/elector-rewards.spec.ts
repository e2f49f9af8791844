/**
 * DElectorConfig on one chain (issue 4): rewards of a term paid one term later to each root
 * (`onReward`), with the disloyalty penalty, the additional rewards by exact miss rate and the burned
 * remainder, compared with the executable model (src/model/rewards.ts distributeTermRewards);
 * conservation to the nanoever: deposited = pool + reserved + paid + burned, and the coins really left.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import { makeWallet, signHash, timeTravel } from "../helpers";
import { encodeTermStats, signaturesToTokens } from "../../src/simulator/stats";
import { splitSignature } from "../../src/simulator/types";
import { distributeTermRewards } from "../../src/model/rewards";
import { callFrom, deployElector, ElectorSetup, eventsOf, TxResult, registerValidators, RegisteredValidator } from "./elector.kit";

const TERM = 100;
const N = 300;
// (signed, proposed, missed, fees R)
const WORK: [number, number, number, bigint][] = [
  [300, 30, 28, 1000n],
  [250, 60, 59, 1000n],
  [200, 120, 118, 4321n],
  [175, 120, 118, 1000n],
  [150, 60, 60, 4321n],
  [125, 120, 120, 1000n],
  [100, 0, 0, 777n],
];

describe("DElectorConfig: rewards one term later, penalty, additional rewards, burn (issue 4)", () => {
  let s: ElectorSetup;
  let owner: Address;
  const vs: RegisteredValidator[] = [];
  const e = () => s.elector;
  async function endTerm(): Promise<TxResult> {
    await timeTravel(TERM + 1);
    const r = await callFrom(e(), owner, "endTerm", {}, toNano(30));
    expect(r.exitCode).to.equal(0);
    return r;
  }
  const pool = async () => {
    const p = await e().getters.getRewardPool({}).run();
    return { pool: BigInt(p.pool), reserved: BigInt(p.reserved), deposited: BigInt(p.deposited), paid: BigInt(p.paid), burned: BigInt(p.burned) };
  };
  const conserved = (p: Awaited<ReturnType<typeof pool>>) => p.pool + p.reserved + p.paid + p.burned === p.deposited;

  before(async () => {
    s = await deployElector({ config: { term: TERM, reportTimeout: 10, minValidators: 1, maxValidators: 10, delegationThreshold: "1", minDeposit: "100", minStake: "1", minUnlockPeriod: 0 } as never });
    owner = (await makeWallet(500)).address;
    vs.push(...(await registerValidators(e(), owner, WORK.map((_, i) => 100 + i))));
    await endTerm(); // all elected for term 2
  });

  it("depositRewards keeps the exact amount in the pool", async () => {
    const r = await callFrom(e(), owner, "depositRewards", { amount: 20000, remainingGasTo: owner }, toNano(1));
    expect(r.exitCode).to.equal(0);
    expect(eventsOf(r, "RewardsDeposited")[0]).to.deep.equal({ amount: "20000", pool: "20000" });
    const p = await pool();
    expect([p.pool, p.deposited]).to.deep.equal([20000n, 20000n]);
    expect(conserved(p)).to.equal(true);
  });

  it("term 2's rewards are reserved at the statistics and paid at the close of term 3, as the model says", async () => {
    await timeTravel(TERM + 1);
    const stats = new Map(vs.map((v, i) => [v.key.slice(2), { signed: WORK[i][0], proposed: WORK[i][1], missed: WORK[i][2], fees: WORK[i][3] }]));
    const enc = encodeTermStats({ networkId: s.networkId, termId: 2, blocks: N, stats });
    const sigs = signaturesToTokens(new Map(vs.map((v) => [v.key.slice(2), splitSignature(Buffer.from(signHash(v.keys, enc.hash), "base64"))])));
    const sub = await callFrom(e(), owner, "submitTermStats", { termId: 2, stats: enc.boc, signatures: sigs }, toNano(2));
    expect(sub.exitCode).to.equal(0);
    const totalR = WORK.reduce((a, w) => a + w[3], 0n);
    expect(BigInt(eventsOf(sub, "StatsAccepted")[0].rewardsReserved)).to.equal(totalR);
    let p = await pool();
    expect([p.pool, p.reserved]).to.deep.equal([20000n - totalR, totalR]);
    expect(conserved(p)).to.equal(true);

    const close2 = await callFrom(e(), owner, "endTerm", {}, toNano(30)); // T = 2: nothing owed yet (T-1 = 1 had no stats)
    expect(close2.exitCode).to.equal(0);
    expect(eventsOf(close2, "RewardPaid")).to.have.length(0);
    const balanceBefore = BigInt(await locklift.provider.getBalance(e().address));
    const close3 = await endTerm(); // T = 3: pays term 2
    const model = distributeTermRewards(N, vs.map((v, i) => ({ key: BigInt(v.key).toString(), reward: WORK[i][3], signed: WORK[i][0], proposed: WORK[i][1], missed: WORK[i][2], banned: false })));
    const paidEv = eventsOf(close3, "RewardPaid");
    for (const v of vs) {
      const k = BigInt(v.key).toString();
      const want = model.paid.get(k)!;
      const ev = paidEv.find((x) => BigInt(x.validatorKey).toString() === k);
      if (want === 0n) {
        expect(ev, `no payment to ${k}`).to.equal(undefined);
        continue;
      }
      expect([BigInt(ev.amount), BigInt(ev.base), BigInt(ev.additional), ev.termId]).to.deep.equal([want, model.base.get(k)!, model.additional.get(k) ?? 0n, "2"]);
      // the root received exactly that amount in onReward
      const msg = close3.out.find((m) => m.dst === v.root.toString())!;
      const rootAbi = JSON.stringify(locklift.factory.getContractArtifacts("DePoolRoot").abi);
      const d = nt.decodeInput(msg.body!, rootAbi, "onReward", true)!;
      expect(d.input).to.deep.equal({ amount: want.toString(), termId: "2" });
      expect(BigInt(msg.value)).to.equal(want);
    }
    const [burn] = eventsOf(close3, "RewardsBurned");
    expect([BigInt(burn.pool), BigInt(burn.amount)]).to.deep.equal([model.pool, model.burned]);
    p = await pool();
    const paid = [...model.paid.values()].reduce((a, b) => a + b, 0n);
    expect([p.reserved, p.paid, p.burned]).to.deep.equal([0n, paid, model.burned]);
    expect(conserved(p)).to.equal(true);
    // the rewards and the burn left the elector; the caller paid the gas
    const balanceAfter = BigInt(await locklift.provider.getBalance(e().address));
    expect(balanceBefore - balanceAfter >= paid + model.burned).to.equal(true);
    expect(balanceBefore - balanceAfter < paid + model.burned + BigInt(toNano(0.5))).to.equal(true);
    console.log(`      gas: endTerm paying ${vs.length} validators ${close3.gas}`);
  });
});
