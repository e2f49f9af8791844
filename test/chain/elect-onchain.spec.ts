/**
 * `ddvs elect --onchain` agrees with the TypeScript reference: the deployed contracts (standalone
 * elector, real roots, nominations, stakes, endTerm) elect the same validators, in the same rank
 * order, with the same voting power, on randomized inputs with ties in delegation, deposit and order,
 * ineligible candidates (deposit < MIN_DEPOSIT, no delegation) and the threshold around the cut.
 */
import { expect } from "chai";
import fc from "fast-check";
import { elect, keyOf, Candidate, ElectionParams } from "../../src/model";
import { openNetwork } from "../../src/ops/network";
import { electOnchain } from "../../src/ops/electOnchain";

const EVER = 1_000_000_000n;

const arbInput = fc
  .record({
    n: fc.integer({ min: 2, max: 7 }),
    max: fc.integer({ min: 1, max: 5 }),
    min: fc.integer({ min: 1, max: 5 }),
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    deposits: fc.array(fc.constantFrom(0n, 9n, 10n, 11n), { minLength: 7, maxLength: 7 }),
    delegations: fc.array(fc.constantFrom(0n, 50n, 100n, 100n, 150n, 200n), { minLength: 7, maxLength: 7 }),
    orders: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 7, maxLength: 7 }),
  })
  .map(({ n, max, min, seed, deposits, delegations, orders }) => {
    const params: ElectionParams = { maxValidators: max, minValidators: Math.min(min, max), delegationThreshold: 100n * EVER, minDeposit: 10n * EVER };
    const candidates: Candidate[] = Array.from({ length: n }, (_, i) => ({
      key: keyOf(`elect-onchain-${seed}-${i}`),
      deposit: deposits[i] * EVER,
      delegation: delegations[i] * EVER,
      order: orders[i],
    }));
    return { params, candidates };
  });

describe("elect --onchain agrees with the reference", function () {
  this.timeout(600000);

  it("the spec's tie-at-the-cut vector", async () => {
    const net = await openNetwork();
    const candidates = [5000n, 4900n, 4800n, 4800n].map((d, i) => ({ key: keyOf(`vec${i}`), deposit: 10n * EVER, delegation: d * EVER, order: i }));
    const params = { maxValidators: 3, minValidators: 2, delegationThreshold: 1000n * EVER, minDeposit: 10n * EVER };
    const chain = await electOnchain(net, candidates, params);
    expect(chain.map((e) => e.key)).to.deep.equal([candidates[0].key, candidates[1].key]);
    expect(chain).to.deep.equal(elect(candidates, params));
  });

  it("randomized inputs", async () => {
    const net = await openNetwork();
    await fc.assert(
      fc.asyncProperty(arbInput, async ({ params, candidates }) => {
        const chain = await electOnchain(net, candidates, params);
        expect(chain).to.deep.equal(elect(candidates, params));
      }),
      { numRuns: 6, seed: 20261121 },
    );
  });
});
