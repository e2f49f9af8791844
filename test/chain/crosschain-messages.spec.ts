/**
 * Messages per config proposal vs the number of chains C (issue 5; docs/messages.md §7):
 * one validator (all the registered stake) on workchain 0 proposes and votes; the proposal commits.
 * Elector messages: propose 1 + submitProposal 1 + proposal (C−1) + tally (C−1 acknowledgements + 1 vote
 * tally) + vote 1 + commit (C−1) = 4 + 3(C−1) = 3C + 1; hops: 4 to create, 3 from the vote to the commit.
 * C = 8 is not routable on the embedded network (workchains −1, 0, 1, 2): the count is the formula's.
 */
import { expect } from "chai";
import { toNano } from "locklift";
import { makeWallet, networkNowMs } from "../helpers";
import { deployElectors } from "../../src/deploy/chains";
import { countSince, forgedCall, freshNetwork, rootAddress, seedValidators, txMark } from "./voting-fixture";

describe("cross-chain config vote: messages per proposal are O(chains)", () => {
  const rows: Record<number, object> = {};
  for (const chains of [[-1, 0], [-1, 0, 1], [-1, 0, 1, 2]]) {
    const C = chains.length;
    it(`C = ${C}: ${3 * C + 1} elector messages, create in 4 hops, vote → commit in 3`, async () => {
      const net = await deployElectors({ network: await freshNetwork(500 + C), chains });
      const owner = (await makeWallet(10, 0)).address;
      const A = { key: "a1".padStart(64, "0"), owner, chainId: 0, delegation: 1_000_000n * 10n ** 9n };
      await seedValidators(net, [A]);
      const root = await rootAddress(net.networkId, A);
      const e0 = net.electors.get(0)!;
      const m1 = txMark();
      await forgedCall(root, e0, "propose", { change: { param: 2, value: 48 }, payload: "te6ccgEBAQEAAgAAAA==", expiresAt: Math.floor(networkNowMs() / 1000) + 3600, validatorKey: `0x${A.key}`, owner }, toNano(1 + 0.6 * C));
      const create = countSince(m1, net);
      const m2 = txMark();
      await forgedCall(root, e0, "vote", { id: { originChain: -1, seq: 0 }, yes: true, validatorKey: `0x${A.key}`, owner }, toNano(1));
      const commit = countSince(m2, net);
      expect(create.byFunction).to.deep.equal({ propose: 1, submitProposal: 1, proposal: C - 1, tally: C - 1 });
      expect(commit.byFunction).to.deep.equal({ vote: 1, tally: 1, commit: C - 1 });
      expect([create.hops, commit.hops]).to.deep.equal([4, 3]);
      expect(create.electorMessages + commit.electorMessages).to.equal(3 * C + 1);
      for (const c of chains) expect(Number((await net.electors.get(c)!.getters.getNominationExpiration({}).run()).nominationExpiration)).to.equal(48);
      rows[C] = { create: create.byFunction, commit: commit.byFunction, hops: [create.hops, commit.hops], total: create.electorMessages + commit.electorMessages };
    });
  }
  after(() => console.log(`      proposalCommit messages: ${JSON.stringify(rows)}`));
});
