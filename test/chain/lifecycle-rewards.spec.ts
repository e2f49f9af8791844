/**
 * Rewards through the protocol (docs/architecture.md §6): the validator is elected at a term close,
 * the term's statistics are signed by its signing key (> 2/3 of the voting power) and accepted, the
 * reward pool is funded, and the elector pays the term's reward one close later with `onReward`;
 * the root takes its commission and its stakers claim their exact shares through their wallets.
 * Real DePoolWallet, DePoolRoot, DElectorConfig (dev network, workchain 2).
 */
import { expect } from "chai";
import { toNano } from "locklift";
import { signHash, timeTravel } from "../helpers";
import { eventsOf } from "../helpers/forge";
import { checkRootIdentities } from "../helpers/invariants";
import { staker, validator, Staker, Validator } from "../helpers/suite";
import { walletState } from "../helpers/wallet";
import { encodeTermStats, signaturesToTokens } from "../../src/simulator/stats";
import { splitSignature } from "../../src/simulator/types";
import { devNetwork } from "../../src/deploy";

const WC = 2;
const EVER = 1_000_000_000n;

describe("lifecycle: rewards paid by the elector's term close", () => {
  let v: Validator;
  const st: Staker[] = [];

  async function closeTerm() {
    const term = await v.elector.getters.getCurrentTerm({}).run();
    const now = Math.floor(locklift.testing.getCurrentTime() / 1000);
    if (Number(term.termEndsAt) > now) await timeTravel(Number(term.termEndsAt) - now + 1);
    const { value } = (await v.elector.getters.getRequiredValue({ functionId: 0x420f29cf } as never).run()) as unknown as { value: string };
    await v.elector.methods.endTerm({}).send({ from: v.owner.address, amount: (BigInt(value) + EVER).toString(), bounce: true });
    return Number((await v.elector.getters.getCurrentTerm({}).run()).termId);
  }

  it("elected validator, signed statistics, pool funded → onReward one term later → exact claims", async () => {
    v = await validator(WC, { lockPeriod: 0, unlockPeriod: 600, commissionPerMille: 120 }, 150);
    // 400 EVER of delegation: more than 2/3 of the set's voting power even when other specs' validators
    // of this workchain (root-gas: ≈ 70 EVER) sit in it, whatever order the specs run in — its
    // signature alone must carry the statistics
    for (const [fund, amount] of [[140, 100], [340, 300]] as const) {
      const s = await staker(v.root, fund, "root");
      await s.ledger.run(s.wallet.methods.stake({ root: v.root.address, amount: toNano(amount) }).send({ from: s.owner.address, amount: toNano(1), bounce: true }));
      st.push(s);
    }
    let termId = await closeTerm(); // elects: the validator sits in term `termId`
    expect((await v.elector.getters.getValidator({ validatorKey: String(v.key) } as never).run()).inSet).to.equal("1");
    const fees = 2_000_000_011n;
    await v.elector.methods.depositRewards({ amount: (fees * 2n).toString(), remainingGasTo: v.owner.address } as never).send({ from: v.owner.address, amount: (fees * 2n + EVER).toString(), bounce: true });
    // statistics of the sitting term, signed by the validator's signing key
    const keyHex = v.key.toString(16).padStart(64, "0");
    const term = await v.elector.getters.getCurrentTerm({}).run();
    const now = Math.floor(locklift.testing.getCurrentTime() / 1000);
    await timeTravel(Number(term.termEndsAt) - now + 1);
    const enc = encodeTermStats({ networkId: devNetwork().networkId, termId, blocks: 10, stats: new Map([[keyHex, { signed: 10, proposed: 10, missed: 0, fees }]]) });
    const sig = splitSignature(Buffer.from(signHash(v.signing, enc.hash), "base64"));
    await v.elector.methods.submitTermStats({ termId, stats: enc.boc, signatures: signaturesToTokens(new Map([[keyHex, sig]])) } as never).send({ from: v.owner.address, amount: toNano(2), bounce: true });
    expect((await v.elector.getters.getStatsStatus({}).run()).accepted).to.equal("1");
    termId = await closeTerm(); // closes the statistics' term: reserved
    await closeTerm(); // the next close pays it
    const received = await eventsOf<{ termId: string; amount: string; commission: string }>(v.root, "RewardReceived");
    expect(received).to.have.length(1);
    const amount = BigInt(received[0].amount);
    expect(amount > 0n && amount <= fees).to.equal(true);
    expect(BigInt(received[0].commission)).to.equal((amount * 120n) / 1000n);
    const stakersPart = amount - (amount * 120n) / 1000n;
    let claimed = 0n;
    for (const [i, share] of [[0, 100n], [1, 300n]] as const) {
      const s = st[i];
      const before = (await walletState(s.wallet)).totals.rewards;
      await s.ledger.run(s.wallet.methods.claimRewards({ root: v.root.address }).send({ from: s.owner.address, amount: toNano(0.5), bounce: true }));
      const got = (await walletState(s.wallet)).totals.rewards - before;
      expect(got).to.equal((stakersPart * share) / 400n);
      claimed += got;
      await s.ledger.check();
    }
    await checkRootIdentities(v.root, claimed);
  });
});
