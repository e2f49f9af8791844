/**
 * Demo setup on the embedded network (docs/messages.md flows "Nominate", "Stake → lock"):
 * the suite on every chain, the actors, one DePoolRoot per real p34 key (`deployRoot` from its
 * operator), its self-nomination (deposit, simulation signing key), the stakers' DePoolWallets
 * (`DePoolRoot.deployWallet`) and their stakes, which sum to each validator's real-weight
 * delegation. Sends are spread over several EverWallets that work in parallel.
 */
import type { Address } from "locklift";
import { Actor, ensureAccount, keystoreKey } from "../accounts";
import { elector, root as rootAt, dwallet, statesOf } from "../contracts";
import { deploySuite } from "../deploy";
import type { OpenNetwork } from "../network";
import { mapLimit, perOwner, READ_CONCURRENCY, runPool } from "../pool";
import type { Progress } from "../progress";
import { planValidators } from "../realset";
import { ContractError } from "../errors";
import { abortsSince, markLt } from "./conservation";
import type { DemoStake, DemoWorld } from "./world";

const NANO = 1_000_000_000n;
const EVER = (n: number | bigint) => BigInt(n) * NANO;

export interface SetupOptions {
  chains: number[];
  /** number of operator EverWallets sending in parallel */
  operators?: number;
  /** number of stakers; each validator is staked by 2 of them */
  stakers?: number;
  /** limit the number of p34 validators (tests); default all 187 */
  limit?: number;
  /** root policy: lock period (s), unlock period (s), commission (‰) */
  lockPeriod?: number;
  unlockPeriod?: number;
  commission?: number;
  /** DELEGATOR_SLASH_RATE of the suite, per mille (default {@link DEMO_DELEGATOR_SLASH_RATE}) */
  delegatorSlashRate?: number;
  progress: Progress;
}

/** Gas attached to calls (above each function's documented minimum, docs/messages.md). */
export const VALUE = {
  deployRoot: EVER(3),
  selfNominateExtra: EVER(2),
  deployWallet: EVER(1),
  stake: EVER(2),
  unlock: EVER(1),
  withdraw: EVER(1) / 2n,
  claim: EVER(1),
  /** ≥ 3 EVER: one batch of a paused root job (docs/messages.md §3) */
  resumeJob: EVER(3),
  /** above the amount of `depositRewards` (≥ 0.05 EVER, docs/messages.md §4) */
  depositRewardsExtra: EVER(1),
  vote: EVER(1),
  depositExtra: EVER(1),
};

/**
 * Runs a bulk phase (sends not traced one by one, for speed) and then checks the executor: the
 * first aborted transaction of the phase is thrown as a ContractError with its error name.
 */
/**
 * The demo's DELEGATOR_SLASH_RATE, per mille. The seed and DDVS.md §3 keep the network default at 0
 * ("non-zero values must work") and name no other value; the demo deploys with 100 ‰ (10 % of each
 * delegator's locked stake with the banned validator goes to the informant) so the double vote
 * shows the delegator slash issue 6 asks for. `ddvs demo --slash-rate N` changes it (0..1000).
 */
export const DEMO_DELEGATOR_SLASH_RATE = 100;

export async function phase<T>(net: OpenNetwork, label: string, fn: () => Promise<T>): Promise<T> {
  const mark = markLt(net);
  const r = await fn();
  const aborts = abortsSince(net, mark);
  if (aborts.length && process.env.DDVS_DEBUG) console.error(JSON.stringify(aborts.slice(0, 5)));
  if (aborts.length) throw new ContractError(aborts[0].exitCode, `${label}: ${aborts[0].fn ?? "a transaction"} at ${aborts[0].address} (${aborts.length} aborted)`, aborts[0].address);
  return r;
}

export async function setupWorld(net: OpenNetwork, opts: SetupOptions): Promise<DemoWorld> {
  const p = opts.progress;
  const workchains = opts.chains.filter((c) => c !== -1);
  const plan = planValidators({ workchains, limit: opts.limit });
  const delegatorSlashRate = opts.delegatorSlashRate ?? DEMO_DELEGATOR_SLASH_RATE;
  if (!Number.isInteger(delegatorSlashRate) || delegatorSlashRate < 0 || delegatorSlashRate > 1000) throw new Error(`DELEGATOR_SLASH_RATE must be an integer in 0..1000 per mille, got ${delegatorSlashRate}`);
  const suite = await deploySuite({ network: net.name, chains: opts.chains, config: { delegatorSlashRate }, progress: p });
  const electors = new Map(opts.chains.map((c) => [c, elector(suite.electors[String(c)])] as const));

  // actors: keystore keys 1.. (key 0 stays locklift's)
  p.step("funding actors");
  const nOps = opts.operators ?? 8;
  const nStakers = opts.stakers ?? 6;
  // operator k owns validators i ≡ k (mod nOps): its deposits plus 20 EVER of gas per validator
  const perOperator = (k: number) => plan.validators.filter((_, i) => i % nOps === k).reduce((a, v) => a + v.deposit + EVER(20), EVER(100));
  // staker k stakes 60 % of validator i ≡ k and 40 % of validator i ≡ k − 1 (mod nStakers)
  const perStaker = (k: number) =>
    plan.validators.reduce((a, v, i) => {
      if (i % nStakers === k) a += (v.delegation * 6n) / 10n + EVER(4);
      if ((i + 1) % nStakers === k) a += v.delegation - (v.delegation * 6n) / 10n + EVER(4);
      return a;
    }, EVER(100));
  const actor = async (name: string, idx: number, min: bigint) => ensureAccount(net, name, await keystoreKey(net, idx % 20), { minBalance: min, nonce: Math.floor(idx / 20) + 1 });
  const operators: Actor[] = [];
  for (let i = 0; i < nOps; i++) operators.push(await actor(`operator${i}`, 1 + i, perOperator(i)));
  const stakers: Actor[] = [];
  for (let i = 0; i < nStakers; i++) stakers.push(await actor(`staker${i}`, 1 + nOps + i, perStaker(i)));
  const keeper = await actor("keeper", 1 + nOps + nStakers, EVER(10_000));
  const informant = await actor("informant", 2 + nOps + nStakers, EVER(1_000));
  const sinks = stakers.map((s) => sinkAddress(s.address));
  p.tick(nOps + nStakers + 2, nOps + nStakers + 2);

  // roots
  const ownerOf = new Map(plan.validators.map((v, i) => [v.key, operators[i % nOps]] as const));
  p.step(`deploying ${plan.validators.length} DePoolRoots on workchains ${workchains.join(", ")}`);
  await phase(net, "DElectorConfig.deployRoot", () => runPool(operators, plan.validators, async (_op, v) => {
    const op = ownerOf.get(v.key)!;
    await electors.get(v.chain)!.methods
      .deployRoot({ validatorKey: "0x" + v.key, lockPeriod: opts.lockPeriod ?? 0, unlockPeriod: opts.unlockPeriod ?? 7200, commissionPerMille: opts.commission ?? 100, minStake: NANO.toString(), capacity: "0" })
      .send({ from: op.address, amount: VALUE.deployRoot.toString(), bounce: true });
  }, (d, t) => p.tick(d, t)));
  // each operator owns the validators i ≡ k (mod nOps): runPool deals them the same way, so one wallet never sends twice at once
  const electorStates = await statesOf(electors);
  const rootAddrs = await mapLimit(plan.validators, READ_CONCURRENCY, async (v) => (await electors.get(v.chain)!.getters.getRootAddress({ validatorKey: "0x" + v.key, owner: ownerOf.get(v.key)!.address }).run({ cachedState: electorStates.get(v.chain) })).root);
  const roots = new Map<string, Address>(plan.validators.map((v, i) => [v.key, rootAddrs[i]] as const));

  p.step("self-nominating (deposit + simulation signing key)");
  await phase(net, "DePoolRoot.selfNominate", () => runPool(operators, plan.validators, async (_op, v) => {
    await rootAt(roots.get(v.key)!)
      .methods.selfNominate({ deposit: v.deposit.toString(), signingKey: "0x" + v.signingKeyHex, metadata: Buffer.from(`p34#${v.index}`).toString("base64") })
      .send({ from: ownerOf.get(v.key)!.address, amount: (v.deposit + VALUE.selfNominateExtra).toString(), bounce: true });
  }, (d, t) => p.tick(d, t)));

  // stakers' wallets: one per (staker, workchain), deployed through any root of that workchain
  p.step("deploying DePoolWallets");
  const wallets = new Map<string, Address>();
  const walletJobs = stakers.flatMap((s) => workchains.map((c) => ({ s, c })));
  await phase(net, "DePoolRoot.deployWallet", () => perOwner(walletJobs, (j) => j.s, async ({ s, c }) => {
    const v = plan.validators.find((x) => x.chain === c)!;
    const r = rootAt(roots.get(v.key)!);
    await r.methods.deployWallet({ walletOwner: s.address, remainingGasTo: s.address }).send({ from: s.address, amount: VALUE.deployWallet.toString(), bounce: true });
    const w = await r.getters.getWalletAddress({ walletOwner: s.address, workchain: c }).run();
    wallets.set(`${s.name}:${c}`, w.wallet);
  }, (d, t) => p.tick(d, t)));

  // stakes: validator i gets 60 % from staker i mod S and 40 % from staker (i+1) mod S
  const stakes: DemoStake[] = [];
  plan.validators.forEach((v, i) => {
    const a = stakers[i % nStakers];
    const b = stakers[(i + 1) % nStakers];
    const first = (v.delegation * 6n) / 10n;
    for (const [s, amount] of [[a, first], [b, v.delegation - first]] as const)
      stakes.push({ staker: s, wallet: wallets.get(`${s.name}:${v.chain}`)!, root: roots.get(v.key)!, validator: v, amount });
  });
  p.step("depositing into DePoolWallets");
  const deposits = new Map<string, { s: Actor; wallet: Address; amount: bigint }>();
  for (const st of stakes) {
    const k = st.wallet.toString();
    // 2 EVER per stake above the stakes: the wallet's own gas and storage come out of free coins
    const d = deposits.get(k) ?? { s: st.staker, wallet: st.wallet, amount: EVER(1) };
    d.amount += st.amount + EVER(2);
    deposits.set(k, d);
  }
  await phase(net, "DePoolWallet.deposit", () => perOwner([...deposits.values()], (d) => d.s, async (d) => {
    await dwallet(d.wallet).methods.deposit({ amount: d.amount.toString(), remainingGasTo: d.s.address }).send({ from: d.s.address, amount: (d.amount + VALUE.depositExtra).toString(), bounce: true });
  }, (dn, t) => p.tick(dn, t)));
  p.step(`staking ${stakes.length} positions`);
  // each staker sends its own stakes (one wallet, one message at a time)
  const byStaker = stakers.map((s) => stakes.filter((x) => x.staker === s));
  let done = 0;
  await phase(net, "DePoolWallet.stake", () => Promise.all(
    byStaker.map(async (list) => {
      for (const st of list) {
        await dwallet(st.wallet).methods.stake({ root: st.root, amount: st.amount.toString() }).send({ from: st.staker.address, amount: VALUE.stake.toString(), bounce: true });
        p.tick(++done, stakes.length);
      }
    }),
  ));
  await checkRegistry(electors, plan.validators, p);
  return { net, suite, electors, plan, operators, stakers, keeper, informant, sinks, ownerOf, roots, wallets, stakes, progress: p };
}

/**
 * Checks every validator's account on its elector: Candidate with the planned deposit and
 * delegation. A wallet that could not pay a send skips it silently (EverWallet flags), so bulk
 * phases are verified by their effect, not only by the absence of aborted transactions.
 */
export async function checkRegistry(electors: Map<number, import("../contracts").Elector>, validators: readonly import("../realset").PlannedValidator[], p: Progress): Promise<void> {
  p.step("checking the registry");
  const bad: string[] = [];
  let i = 0;
  const states = await statesOf(electors);
  await mapLimit(validators, READ_CONCURRENCY, async (v) => {
    const a = await electors.get(v.chain)!.getters.getAccount({ validatorKey: "0x" + v.key }).run({ cachedState: states.get(v.chain) });
    if (Number(a.state) !== 1 || BigInt(a.deposit) !== v.deposit || BigInt(a.delegation) !== v.delegation)
      bad.push(`${v.key.slice(0, 8)}… on ${v.chain}: state ${a.state}, deposit ${a.deposit} (plan ${v.deposit}), delegation ${a.delegation} (plan ${v.delegation})`);
    p.tick(++i, validators.length);
  });
  if (bad.length) throw new Error(`registry differs from the plan for ${bad.length} validator(s): ${bad.slice(0, 3).join("; ")}`);
}

/** A withdrawal destination outside DDVS for `owner`: an address nobody deploys (workchain 0). */
export function sinkAddress(owner: Address): Address {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { Address: A } = require("locklift");
  const { createHash } = require("crypto") as typeof import("crypto");
  return new A("0:" + createHash("sha256").update("ddvs-demo-sink:" + owner.toString()).digest("hex"));
}
