/** The demo report: exact JSON shape, reference-election check, conservation, tables. */
import { expect } from "chai";
import { elect, keyOf, parseCandidates, parseElectionParams } from "../../../src/model";
import { checkTermsAgainstReference, conservation, conservationLine, DemoReport, proposalsTable, termsTable, validateDemoReport } from "../../../src/ops/report";

const NANO = 1_000_000_000n;

function sampleReport(): DemoReport {
  const params = { maxValidators: 3, minValidators: 2, delegationThreshold: (1000n * NANO).toString(), minDeposit: (10n * NANO).toString() };
  const candidates = [5000, 4900, 4800, 4800, 100].map((d, i) => ({ key: keyOf(`v${i}`), deposit: (10n * NANO).toString(), delegation: (BigInt(d) * NANO).toString(), order: 100 + i }));
  const elected = elect(parseCandidates(candidates), parseElectionParams(params));
  return {
    source: "everscale-mainnet-p34",
    validatorsLoaded: 5,
    chains: [-1, 0, 1, 2],
    terms: [
      {
        termId: 1,
        params,
        candidates,
        validators: elected.map((e) => e.key),
        totalVotingPower: elected.reduce((a, e) => a + e.votingPower, 0n).toString(),
        jailed: [],
        banned: [candidates[1].key],
        rewards: (1234n * NANO + 500_000_000n).toString(),
        slashed: (10_007n * NANO).toString(),
      },
    ],
    proposals: [{ param: "MAX_NUM_OF_VALIDATORS", from: 30, to: 100, yesStake: "600", totalStake: "1000", committedOn: [-1, 0, 1, 2] }],
    conservation: conservation({ funded: 1000n, held: 700n, withdrawn: 100n, fees: 150n, burned: 50n }),
  };
}

describe("ops: demo report", () => {
  it("a complete report passes the shape check and agrees with the reference election", () => {
    const r = sampleReport();
    expect(validateDemoReport(JSON.parse(JSON.stringify(r)))).to.deep.equal([]);
    expect(checkTermsAgainstReference(r.terms)).to.deep.equal([]);
    expect(r.terms[0].validators).to.have.length(2); // the spec's tie-at-the-cut vector
    expect(r.conservation.lost).to.equal("0");
  });

  it("names every deviation from the exact shape", () => {
    const r = sampleReport() as unknown as Record<string, any>;
    r.extra = 1;
    r.terms[0].candidates[0].deposit = 10;
    r.terms[0].validators.push("ABC");
    delete r.proposals[0].committedOn;
    r.conservation.funded = "-5";
    r.terms[0].rewards = 12;
    delete r.terms[0].slashed;
    const errs = validateDemoReport(r);
    expect(errs).to.include("report.extra: unexpected field");
    expect(errs).to.include("report.terms[0].candidates[0].deposit: decimal string");
    expect(errs).to.include("report.terms[0].validators: list of 64-hex keys");
    expect(errs).to.include("report.proposals[0].committedOn: missing");
    expect(errs).to.include("report.conservation.funded: decimal string");
    expect(errs).to.include("report.terms[0].rewards: decimal string");
    expect(errs).to.include("report.terms[0].slashed: missing");
  });

  it("rejects a `lost` that does not follow from the other amounts", () => {
    const r = sampleReport();
    r.conservation.lost = "1";
    expect(validateDemoReport(r)).to.deep.equal(["report.conservation.lost: ≠ funded − held − withdrawn − fees − burned"]);
  });

  it("conservation computes lost (negative when coins appeared)", () => {
    expect(conservation({ funded: 10n, held: 3n, withdrawn: 2n, fees: 4n, burned: 1n }).lost).to.equal("0");
    expect(conservation({ funded: 10n, held: 9n, withdrawn: 2n, fees: 0n, burned: 0n }).lost).to.equal("-1");
  });

  it("detects a term whose validators differ from the reference", () => {
    const r = sampleReport();
    r.terms[0].validators = [...r.terms[0].validators].reverse();
    const bad = checkTermsAgainstReference(r.terms);
    expect(bad).to.have.length(1);
    expect(bad[0].expected).to.deep.equal([...r.terms[0].validators].reverse());
  });

  it("tables show the per-term numbers in EVER and the conservation line", () => {
    const r = sampleReport();
    const t = termsTable(r.terms, [{ termId: 1, funded: 1300n * NANO, burned: 65n * NANO + 500_000_000n, claimed: 42n * NANO, delegatorSlashed: 7n * NANO }]);
    expect(t).to.contain("3/2");
    expect(t).to.contain("1,300"); // fees in
    expect(t).to.contain("65.5"); // burned
    expect(t).to.contain("42"); // claimed
    expect(t).to.contain("10,007 (7)"); // slashed, of it the delegators
    expect(t).to.contain("9,900"); // 5000 + 4900 EVER
    expect(t).to.contain("1,234.5");
    expect(t).to.contain(r.terms[0].banned[0].slice(0, 8));
    expect(proposalsTable(r.proposals)).to.contain("60.00");
    expect(conservationLine(r.conservation)).to.match(/funded 0\.000001 = held 0\.0000007 \+ withdrawn 0\.0000001 \+ fees 0\.00000015 \+ burned 0\.00000005 \+ lost 0 EVER/);
  });
});
