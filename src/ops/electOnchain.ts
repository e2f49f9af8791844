/**
 * The election computed by the deployed contracts (`ddvs elect --onchain`): on the embedded
 * network, a standalone DElectorConfig (chain list = one workchain) with the given election
 * params; one DePoolRoot per candidate (`deployRoot`), its deposit (`selfNominate`) at a network
 * time that reproduces the candidates' relative `order` (ties included), its delegation staked
 * from a DePoolWallet; then `endTerm`, whose standalone close elects and installs the set.
 * The result is read from `getValidatorSet` (voting power = delegation) and given in rank order.
 *
 * The network state is restored afterwards (embedded-network snapshot), so the call can be
 * repeated in one process. Amounts in nanoevers; deposits of 0 are allowed (not eligible);
 * delegations of 0 are not staked (not eligible).
 */
import { Candidate, ElectionParams, Elected, rankCandidates } from "../model";
import { ensureAccount, keystoreKey } from "./accounts";
import { deploySuite } from "./deploy";
import { elector as electorAt, root as rootAt, dwallet, sendChecked } from "./contracts";
import type { OpenNetwork } from "./network";
import type { Progress } from "./progress";
import { advanceTime, networkNow } from "./time";
import { keyHex } from "./units";
import { electorFunctionId } from "../keeper/chain";

const NANO = 1_000_000_000n;

export interface OnchainElectionOptions {
  /** workchain of the standalone elector (default 0) */
  chain?: number;
  progress?: Progress;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
export async function electOnchain(net: OpenNetwork, candidates: readonly Candidate[], params: ElectionParams, opts: OnchainElectionOptions = {}): Promise<Elected[]> {
  if (!net.embedded) throw new Error("--onchain runs on the embedded network (it moves time and restores the state afterwards)");
  const snapshots = (net.locklift.network as any).snapshots;
  const snap = snapshots.saveSnapshot();
  try {
    return await run(net, candidates, params, opts);
  } finally {
    snapshots.loadSnapshot(snap);
  }
}

async function run(net: OpenNetwork, candidates: readonly Candidate[], params: ElectionParams, opts: OnchainElectionOptions): Promise<Elected[]> {
  const p = opts.progress;
  const chain = opts.chain ?? 0;
  const suite = await deploySuite({
    network: net.name,
    chains: [chain],
    config: { maxValidators: params.maxValidators, minValidators: params.minValidators, delegationThreshold: params.delegationThreshold, minDeposit: params.minDeposit, minStake: 1n },
    progress: p,
  });
  const e = electorAt(suite.electors[String(chain)]);
  const totalDeposit = candidates.reduce((a, c) => a + c.deposit, 0n);
  const totalDelegation = candidates.reduce((a, c) => a + c.delegation, 0n);
  const n = BigInt(candidates.length);
  const op = await ensureAccount(net, "elect-operator", await keystoreKey(net, 18), { minBalance: totalDeposit + (n + 10n) * 10n * NANO });
  const staker = await ensureAccount(net, "elect-staker", await keystoreKey(net, 19), { minBalance: totalDelegation + (n + 10n) * 5n * NANO });

  p?.step(`deploying ${candidates.length} roots`);
  const roots = new Map<string, import("locklift").Address>();
  for (const c of candidates) {
    await sendChecked(`DElectorConfig.deployRoot(${c.key.slice(0, 8)}…)`, () =>
      e.methods.deployRoot({ validatorKey: "0x" + c.key, lockPeriod: 0, unlockPeriod: 7200, commissionPerMille: 0, minStake: "1", capacity: "0" }).send({ from: op.address, amount: (3n * NANO).toString(), bounce: true }),
    );
    roots.set(c.key, (await e.getters.getRootAddress({ validatorKey: "0x" + c.key, owner: op.address }).run()).root);
  }
  // nominations in order groups: equal `order` in the same second, increasing orders later
  const groups = new Map<number, Candidate[]>();
  for (const c of candidates) groups.set(c.order, [...(groups.get(c.order) ?? []), c]);
  p?.step("self-nominating in tie-order groups");
  for (const order of [...groups.keys()].sort((a, b) => a - b)) {
    await advanceTime(net, 2);
    await waitForSecondStart();
    for (const c of groups.get(order)!) {
      await sendChecked(`DePoolRoot.selfNominate(${c.key.slice(0, 8)}…)`, () =>
        rootAt(roots.get(c.key)!).methods.selfNominate({ deposit: c.deposit.toString(), signingKey: "0x" + c.key, metadata: "" }).send({ from: op.address, amount: (c.deposit + 2n * NANO).toString(), bounce: true }),
      );
    }
  }
  // check the reproduced orders: same relative order, same ties
  const chainOrder = new Map<string, number>();
  for (const c of candidates) chainOrder.set(c.key, Number((await e.getters.getAccount({ validatorKey: "0x" + c.key }).run()).order));
  for (const a of candidates)
    for (const b of candidates) {
      const want = Math.sign(a.order - b.order);
      const got = Math.sign(chainOrder.get(a.key)! - chainOrder.get(b.key)!);
      if (want !== got) throw new Error(`could not reproduce the order of ${a.key} vs ${b.key} on chain (nominations crossed a second)`);
    }
  const staked = candidates.filter((c) => c.delegation > 0n);
  if (staked.length) {
    p?.step(`staking ${staked.length} delegations`);
    const first = roots.get(staked[0].key)!;
    await sendChecked("DePoolRoot.deployWallet", () => rootAt(first).methods.deployWallet({ walletOwner: staker.address, remainingGasTo: staker.address }).send({ from: staker.address, amount: NANO.toString(), bounce: true }));
    const w = (await rootAt(first).getters.getWalletAddress({ walletOwner: staker.address, workchain: chain }).run()).wallet;
    await sendChecked("DePoolWallet.deposit", () => dwallet(w).methods.deposit({ amount: totalDelegation.toString(), remainingGasTo: staker.address }).send({ from: staker.address, amount: (totalDelegation + NANO).toString(), bounce: true }));
    for (const c of staked)
      await sendChecked(`DePoolWallet.stake(${c.key.slice(0, 8)}…)`, () => dwallet(w).methods.stake({ root: roots.get(c.key)!, amount: c.delegation.toString() }).send({ from: staker.address, amount: (2n * NANO).toString(), bounce: true }));
  }
  // end term 1: the standalone close elects and installs
  const t = await e.getters.getCurrentTerm({}).run();
  const wait = Number(t.termEndsAt) - networkNow(net) + 1;
  if (wait > 0) await advanceTime(net, wait);
  const value = BigInt((await e.getters.getRequiredValue({ functionId: electorFunctionId("endTerm") }).run()).value);
  await sendChecked(`DElectorConfig.endTerm on ${chain}`, () => e.methods.endTerm({}).send({ from: op.address, amount: (value + NANO).toString(), bounce: true }));
  const set = await e.getters.getValidatorSet({}).run();
  const power = new Map<string, bigint>();
  for (const [k, v] of set.set) power.set(keyHex(k), BigInt(v.votingPower));
  return rankCandidates(candidates.filter((c) => power.has(c.key))).map((c) => ({ key: c.key, votingPower: power.get(c.key)! }));
}

/** Resolves just after the next wall-clock second starts (the network time's fraction follows it). */
function waitForSecondStart(): Promise<void> {
  return new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
}
