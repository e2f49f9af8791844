/**
 * Bulk state written straight into account storage (bench/lib/storage.ts), for N = 10,000 where
 * real messages take too long: the dictionaries get exactly the entries the real builders
 * (bench/scenarios/bulk.ts) would create, cloned from entries real messages created, with fresh
 * keys. Only accounts that no measured message reaches are written this way (their root and wallet
 * contracts do not exist); everything the measured operation touches was built by real messages.
 *
 * Facts used (the contracts' own rules, not their layout):
 * - elector (docs/messages.md §4 nominate/delegate, ranking.tolk): `accounts[key]`,
 *   `rootIndex[root] = key`, `metadata[key]`, `expiries[nominationEnd][key]`,
 *   `accountCount`; a delegation > 0 with deposit ≥ MIN_DEPOSIT puts the key in
 *   `ranking[delegation·2^144 + deposit·2^64 + order]`; Σ delegations in `registeredStake`;
 * - root (stakes.tolk): `stakes[wallet]`, `walletCount` = entries, `totalLocked` = Σ locked, and the
 *   elector's delegation of the root = its totalLocked (synced).
 */
import { Address } from "locklift";
import { nextHex } from "../lib/seed";
import { readFields, writeFields } from "../lib/storage";
import { RootRef, Suite } from "../lib/suite";

/* eslint-disable @typescript-eslint/no-explicit-any */

/** A fresh identity (key, root or wallet address), derived from the bench seed (bench/lib/seed.ts). */
const randomHex = () => nextHex("synthetic");
const dec = (hex: string) => BigInt(`0x${hex}`).toString();
const rankKey = (delegation: bigint, deposit: bigint, order: bigint) => ((delegation << 144n) | (deposit << 64n) | order).toString();

/** A ranking bucket as decoded from the ABI (ranking.tolk): the smallest key, the others in `ties`. */
type Bucket = { key: string; ties: [string, boolean][] };

function rankingAdd(ranking: [string, Bucket][], rk: string, key: string): void {
  const entry = ranking.find(([k]) => k === rk);
  if (!entry) {
    ranking.push([rk, { key, ties: [] }]);
    return;
  }
  const b = entry[1];
  if (BigInt(key) < BigInt(b.key)) {
    b.ties.push([b.key, true]);
    b.key = key;
  } else b.ties.push([key, true]);
}

function rankingRemove(ranking: [string, Bucket][], rk: string, key: string): void {
  const i = ranking.findIndex(([k]) => k === rk);
  if (i < 0) return;
  const b = ranking[i][1];
  const rest = [b.key, ...b.ties.map(([k]) => k)].filter((k) => BigInt(k) !== BigInt(key)).sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
  if (rest.length === 0) ranking.splice(i, 1);
  else ranking[i][1] = { key: rest[0], ties: rest.slice(1).map((k) => [k, true]) };
}

/**
 * Adds `count` candidates to the elector of `template.chain`, each a clone of the real account of
 * `template` (same state, deposit, nominationEnd, order) with a fresh identity key, root and owner
 * address, and the delegation `delegationOf(i)`.
 */
export async function addCandidates(suite: Suite, template: RootRef, count: number, delegationOf: (i: number) => bigint): Promise<void> {
  const elector = suite.electors.get(template.chain)!;
  const f = await readFields(suite.abi.elector, elector);
  const tplKey = dec(template.validatorKey);
  const tpl = f.accounts.find(([k]: [string]) => k === tplKey)?.[1];
  if (!tpl) throw new Error(`synthetic: no account ${template.validatorKey} on chain ${template.chain}`);
  const meta = f.metadata.find(([k]: [string]) => k === tplKey)?.[1] ?? "";
  let bucket = f.expiries.find(([t]: [string]) => t === tpl.nominationEnd);
  if (!bucket) f.expiries.push((bucket = [tpl.nominationEnd, []]));
  const minDeposit = suite.config.minDeposit;
  let added = 0n;
  for (let i = 0; i < count; i++) {
    const key = dec(randomHex());
    const root = `${template.chain}:${randomHex()}`;
    const delegation = delegationOf(i);
    f.accounts.push([key, { ...tpl, identity: { root, signingKey: key }, ownerInfo: { owner: `${template.chain}:${randomHex()}` }, delegation: delegation.toString() }]);
    f.rootIndex.push([root, key]);
    f.metadata.push([key, meta]);
    bucket[1].push([key, true]);
    if (delegation > 0n && BigInt(tpl.deposit) >= minDeposit) rankingAdd(f.ranking, rankKey(delegation, BigInt(tpl.deposit), BigInt(tpl.order)), key);
    added += delegation;
  }
  f.accountCount = String(Number(f.accountCount) + count);
  f.registeredStake = (BigInt(f.registeredStake) + added).toString();
  await writeFields(suite.abi.elector, elector, f);
}

/**
 * Adds `count` stakers to `root`, each a clone of the real stake entry of `templateWallet` (same
 * locked amount, lockUntil) under a fresh wallet address; the elector's delegation of the root,
 * its rank key and the registered stake grow by the same amount, as `delegate` would.
 */
export async function addStakers(suite: Suite, root: RootRef, templateWallet: Address, count: number): Promise<void> {
  const r = await readFields(suite.abi.root, root.address);
  const tpl = r.stakes.find(([w]: [string]) => w === templateWallet.toString())?.[1];
  if (!tpl) throw new Error(`synthetic: no stake of ${templateWallet} in ${root.address}`);
  for (let i = 0; i < count; i++) r.stakes.push([`${root.chain}:${randomHex()}`, { ...tpl }]);
  const added = BigInt(tpl.locked) * BigInt(count);
  r.walletCount = String(Number(r.walletCount) + count);
  r.totalLocked = (BigInt(r.totalLocked) + added).toString();
  await writeFields(suite.abi.root, root.address, r);

  const elector = suite.electors.get(root.chain)!;
  const f = await readFields(suite.abi.elector, elector);
  const key = dec(root.validatorKey);
  const entry = f.accounts.find(([k]: [string]) => k === key);
  if (!entry) throw new Error(`synthetic: no account ${root.validatorKey}`);
  const acc = entry[1];
  const before = BigInt(acc.delegation);
  const after = before + added;
  if (before > 0n) rankingRemove(f.ranking, rankKey(before, BigInt(acc.deposit), BigInt(acc.order)), key);
  acc.delegation = after.toString();
  if (BigInt(acc.deposit) >= suite.config.minDeposit) rankingAdd(f.ranking, rankKey(after, BigInt(acc.deposit), BigInt(acc.order)), key);
  f.registeredStake = (BigInt(f.registeredStake) + added).toString();
  await writeFields(suite.abi.elector, elector, f);
}
