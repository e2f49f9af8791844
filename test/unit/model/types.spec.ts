import { expect } from "chai";
import {
  DEFAULT_ELECTION_PARAMS,
  DEFAULT_PROTOCOL_PARAMS,
  ModelError,
  NANO,
  SEED_PARAMS,
  candidatesToJson,
  keyOf,
  parseCandidates,
  parseElectionParams,
  parseProtocolParams,
} from "../../../src/model";

const K = "ab".repeat(32);

function code(f: () => unknown): { code: string; field?: string; message: string } {
  try {
    f();
  } catch (e) {
    expect(e).to.be.instanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error("expected a ModelError");
}

describe("model/types: seed constants", () => {
  it("hold the seed values (periods in terms, amounts in nanoevers)", () => {
    expect(SEED_PARAMS).to.deep.include({ TERM: 3600, NOMINATION_EXPIRATION: 24, CUSTODY_PERIOD: 24, RELEASE_PERIOD: 240, MAX_NUM_OF_VALIDATORS: 30, MIN_NUM_OF_VALIDATORS: 4, DELEGATOR_SLASH_RATE: 0 });
    expect(SEED_PARAMS.DELEGATION_THRESHOLD).to.equal(100_000n * NANO);
    expect(SEED_PARAMS.MIN_DEPOSIT).to.equal(10_000n * NANO);
    expect(DEFAULT_PROTOCOL_PARAMS.releasePeriod).to.equal(240);
    expect(Object.isFrozen(SEED_PARAMS)).to.equal(true);
  });
});

describe("model/types: parseElectionParams", () => {
  it("defaults to the seed", () => {
    expect(parseElectionParams({})).to.deep.equal(DEFAULT_ELECTION_PARAMS);
    expect(parseElectionParams(undefined)).to.deep.equal(DEFAULT_ELECTION_PARAMS);
  });
  it("parses the JSON shape, from an object or text", () => {
    const j = { maxValidators: 5, minValidators: 3, delegationThreshold: "1000", minDeposit: "10000" };
    const p = { maxValidators: 5, minValidators: 3, delegationThreshold: 1000n, minDeposit: 10000n };
    expect(parseElectionParams(j)).to.deep.equal(p);
    expect(parseElectionParams(JSON.stringify(j))).to.deep.equal(p);
  });
  it("rejects zero, MIN > MAX, non-decimal amounts and unknown fields, naming the field", () => {
    expect(code(() => parseElectionParams({ maxValidators: 0 }))).to.include({ code: "E_INVALID_PARAM", field: "maxValidators" });
    expect(code(() => parseElectionParams({ minValidators: 0 }))).to.include({ code: "E_INVALID_PARAM", field: "minValidators" });
    expect(code(() => parseElectionParams({ maxValidators: 3, minValidators: 4 }))).to.include({ code: "E_INVALID_PARAM", field: "minValidators" });
    expect(code(() => parseElectionParams({ delegationThreshold: "0" }))).to.include({ field: "delegationThreshold" });
    expect(code(() => parseElectionParams({ minDeposit: 5 }))).to.include({ field: "minDeposit" });
    expect(code(() => parseElectionParams({ minDeposit: "1e9" }))).to.include({ field: "minDeposit" });
    expect(code(() => parseElectionParams({ maxValidators: 2.5 }))).to.include({ field: "maxValidators" });
    expect(code(() => parseElectionParams({ maxValidator: 3 }))).to.include({ field: "maxValidator" });
    expect(code(() => parseElectionParams("{not json"))).to.include({ code: "E_INVALID_PARAM" });
  });
});

describe("model/types: parseProtocolParams", () => {
  it("defaults to the seed and validates CUSTODY < RELEASE and the slash rate", () => {
    expect(parseProtocolParams({})).to.deep.equal(DEFAULT_PROTOCOL_PARAMS);
    expect(parseProtocolParams({ delegatorSlashRate: 0, term: 60 }).term).to.equal(60);
    expect(code(() => parseProtocolParams({ custodyPeriod: 240 }))).to.include({ field: "custodyPeriod" });
    expect(code(() => parseProtocolParams({ delegatorSlashRate: 1001 }))).to.include({ field: "delegatorSlashRate" });
    expect(code(() => parseProtocolParams({ term: 0 }))).to.include({ field: "term" });
  });
});

describe("model/types: parseCandidates", () => {
  it("parses the JSON shape and round-trips", () => {
    const j = [{ key: K, deposit: "10000000000000", delegation: "5", order: 7 }];
    const c = parseCandidates(j);
    expect(c).to.deep.equal([{ key: K, deposit: 10_000_000_000_000n, delegation: 5n, order: 7 }]);
    expect(candidatesToJson(c)).to.deep.equal(j);
    expect(parseCandidates(JSON.stringify(j))).to.deep.equal(c);
  });
  it("names the bad field", () => {
    const ok = { key: K, deposit: "1", delegation: "1", order: 0 };
    expect(code(() => parseCandidates([{ ...ok, key: K.toUpperCase() }]))).to.include({ code: "E_INVALID_CANDIDATE", field: "key" });
    expect(code(() => parseCandidates([{ ...ok, key: "ab" }]))).to.include({ field: "key" });
    expect(code(() => parseCandidates([ok, { ...ok, deposit: "-1" }]))).to.include({ field: "key" }); // duplicate key first
    const e = code(() => parseCandidates([ok, { ...ok, key: keyOf(1), deposit: "-1" }]));
    expect(e).to.include({ field: "deposit" });
    expect(e.message).to.contain("candidates[1].deposit");
    expect(code(() => parseCandidates([{ ...ok, delegation: 12 }]))).to.include({ field: "delegation" });
    expect(code(() => parseCandidates([{ ...ok, order: -1 }]))).to.include({ field: "order" });
    expect(code(() => parseCandidates([{ ...ok, order: "1" }]))).to.include({ field: "order" });
    expect(code(() => parseCandidates([{ ...ok, extra: 1 }]))).to.include({ field: "extra" });
    expect(code(() => parseCandidates({}))).to.include({ field: "candidates" });
  });
});
