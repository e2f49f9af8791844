/**
 * Slash per batch (issue 7): the only operation that depends on the number of wallets W of a root.
 * Network −1, 0; four delegated candidates on chain 0 (MIN_VALIDATORS), the offender's root has W
 * stakers (real messages, bench/scenarios/bulk.ts) and its gas fund pays every batch; the set is
 * elected (endTerm 0, −1), then a double vote of the offender is reported: ban → onBan → Ban job,
 * JOB_BATCH (50) wallets per root transaction (onBan runs the first batch, continueJob the rest).
 *
 * `slashBatch` = a full continueJob batch's root transaction (gas: max, minTxGas: min over the full
 * batches, txs: batches); `slashFirstBatch (onBan)` = the ban transaction with the first batch; `slashBatchTree` = a full batch with its wallets' transactions (the largest);
 * `slashJob` = Σ of the whole ban tree (reportDoubleVote included).
 */
import { keyPairFromSeed } from "@ton/crypto";
import { getter, measureTree, TxRecord } from "../lib/executor";
import { assertClean, ResultBook, summarize } from "../lib/report";
import { EVER, freshOwner, Suite, validatorSecrets } from "../lib/suite";
import { functionName } from "../lib/names";
import { bulkCandidates, bulkDelegate, bulkStakers } from "./bulk";
import { makeDoubleVote } from "../../src/simulator/doubleVote";

const JOB_BATCH = 50;

export async function slashSeries(book: ResultBook, wallets: number): Promise<void> {
  const chains = [-1, 0];
  const suite = await Suite.deploy({ chains, config: { minUnlockPeriod: 0, delegatorSlashRate: 100 }, fresh: true });
  const roots = await bulkCandidates(suite, 0, 4, suite.config.minDeposit);
  await bulkDelegate(suite, roots, suite.config.delegationThreshold);
  const offender = roots[3];
  await bulkStakers(suite, offender, wallets - 1, 10n * EVER);
  suite.queueTransfer(offender.owner, offender.address, BigInt(wallets) * EVER * 2n);
  await suite.run();
  await locklift.testing.increaseTime(suite.config.term + 1);
  for (const chain of [0, -1]) {
    suite.queue(freshOwner(chain), suite.electors.get(chain)!, suite.abi.elector, "endTerm", {}, 20n * EVER);
    await suite.run();
  }
  const set = await getter(suite.abi.elector, suite.electors.get(0)!, "getValidatorSet");
  const termId = Number(set.setTermId);
  await book.record("slashJob", wallets, async () => {
    const secret = validatorSecrets.get(offender.validatorKey)!;
    const dv = makeDoubleVote({ networkId: suite.net.networkId, termId, height: 9, round: 0, validator: { key: offender.validatorKey, signingKey: keyPairFromSeed(Buffer.from(secret, "hex")) }, seed: 5 });
    const input = { validatorKey: `0x${offender.validatorKey}`, header1: dv.header1, r1: dv.rs1.r.toString(), s1: dv.rs1.s.toString(), header2: dv.header2, r2: dv.rs2.r.toString(), s2: dv.rs2.s.toString(), informant: freshOwner(0) };
    const txs = await measureTree(async () => suite.queue(freshOwner(0), suite.electors.get(0)!, suite.abi.elector, "reportDoubleVote", input, 10n * EVER));
    assertClean(txs, "slashJob");
    const jobTxs = txs.filter((t) => t.account === offender.address.toString() && ["DePoolRoot.onBan", "DePoolRoot.continueJob"].includes(functionName(t.functionId)));
    if (process.env.BENCH_DEBUG) console.error(jobTxs.map((t) => `${functionName(t.functionId)} gas ${t.gas} out ${t.outInternal} ext ${t.outExternal}`).join("\n"));
    const first = jobTxs.find((t) => functionName(t.functionId) === "DePoolRoot.onBan");
    if (first) book.set("slashFirstBatch (onBan)", wallets, { gas: first.gas, fees: first.fees.toString(), txs: first.outInternal });
    const full = jobTxs.filter((t) => t.outInternal >= JOB_BATCH && functionName(t.functionId) === "DePoolRoot.continueJob");
    if (full.length === 0) throw new Error(`no full continueJob batch of ${JOB_BATCH} wallets (${jobTxs.length} job transactions)`);
    const byIn = new Map(txs.map((t) => [t.inHash, t]));
    const trees = full.map((b) => [b, ...b.outHashes.map((h) => byIn.get(h)).filter((t): t is TxRecord => !!t && functionName(t.functionId).startsWith("DePoolWallet."))]);
    const gas = full.map((t) => t.gas);
    book.set("slashBatch", wallets, { gas: Math.max(...gas), minTxGas: Math.min(...gas), fees: full[0].fees.toString(), txs: full.length });
    const treeSums = trees.map((t) => summarize(t));
    book.set("slashBatchTree", wallets, treeSums.reduce((m, s) => (s.gas > m.gas ? s : m)));
    return summarize(txs);
  });
}
