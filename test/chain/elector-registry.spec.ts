/**
 * DElectorConfig on one chain (issue 4), registry part: constructor validation, deployRoot,
 * root authenticity, nominate, delegate / revoke / redelegate (docs/messages.md §4).
 * Root messages are sent from the canonical root address (the embedded network runs any
 * internal message), so every elector rule is exercised without the root's own logic; the roots
 * deployed here run STUB_ROOT_CODE (see elector.kit.ts). The real root with the dev network's
 * elector is exercised by test/chain/lifecycle.spec.ts.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import { ERROR_CODE } from "../../build/errors";
import { makeWallet, sendRawMessage } from "../helpers";
import { callFrom, dataOf, deployElector, DEFAULT_CONFIG, eventsOf, ElectorSetup, nowSec, randomKey, tryFrom, txOfMessage, describeTx, STUB_ROOT_CODE } from "./elector.kit";
import { Cell } from "@ton/core";
import { withClockStopped } from "../../src/dev/executor";

const ROOT_ABI = () => JSON.stringify(locklift.factory.getContractArtifacts("DePoolRoot").abi);

describe("DElectorConfig: constructor and registry (issue 4)", () => {
  let s: ElectorSetup;
  let owner: Address;
  const roots: Record<string, Address> = {};

  const rootDefaults = { lockPeriod: 3600, unlockPeriod: 7200, commissionPerMille: 100, minStake: toNano(1), capacity: 0 };

  async function deployRoot(key: string, from = owner) {
    const r = await callFrom(s.elector, from, "deployRoot", { validatorKey: key, ...rootDefaults }, toNano(3));
    expect(r.exitCode).to.equal(0);
    const acc = await s.elector.getters.getAccount({ validatorKey: key }).run();
    roots[key] = acc.root;
    return r;
  }

  const nominate = (key: string, deposit: string | number, extra: Record<string, unknown> = {}, from?: Address) =>
    callFrom(s.elector, from ?? roots[key], "nominate", { deposit, validatorKey: key, owner, signingKey: key, metadata: "", ...extra }, toNano(1));
  const delegate = (key: string, amount: string | number, method = "delegate", from?: Address) =>
    callFrom(s.elector, from ?? roots[key], method, { amount, validatorKey: key, remainingGasTo: owner }, toNano(0.5));

  before(async () => {
    s = await deployElector();
    owner = (await makeWallet(50)).address;
  });

  it("constructor: stores the config, codes and chain list; term 1 ends at genesisTime + TERM", async () => {
    const e = s.elector;
    expect((await e.getters.getTermDuration({}).run()).term).to.equal("3600");
    expect((await e.getters.getMinNumOfValidators({}).run()).minValidators).to.equal("4");
    expect((await e.getters.getMinDeposit({}).run()).minDeposit).to.equal(DEFAULT_CONFIG.minDeposit);
    const t = await e.getters.getCurrentTerm({}).run();
    expect([t.termId, t.termEndsAt, t.phase]).to.deep.equal(["1", String(s.genesisTime + 3600), "0"]);
    const codes = await e.getters.getCodeHashes({}).run();
    expect(BigInt(codes.rootCodeHash).toString(16).padStart(64, "0")).to.equal(Cell.fromBase64(STUB_ROOT_CODE).hash().toString("hex"));
    expect(BigInt(codes.walletCodeHash).toString(16).padStart(64, "0")).to.equal(locklift.factory.getContractArtifacts("DePoolWallet").codeHash);
    expect((await e.getters.getChains({}).run()).chains.map(([k]: [string]) => k)).to.deep.equal(["0"]);
    expect((await e.getters.getChainId({}).run()).chainId).to.equal("0");
  });

  describe("constructor validation (internal deploy of an undeployed elector)", () => {
    let nonce = 1000;
    async function tryDeploy(config: Partial<typeof DEFAULT_CONFIG>, chains: number[] = [0]) {
      const art = locklift.factory.getContractArtifacts("DElectorConfig");
      const { stateInit, address } = await locklift.provider.getStateInit(art.abi as never, {
        tvc: art.tvc, workchain: 0, publicKey: s.keys.publicKey, initParams: { _pubkey: `0x${s.keys.publicKey}`, networkId: nonce++ },
      } as never);
      const body = nt.encodeInternalInput(JSON.stringify(art.abi), "constructor", {
        config: { ...DEFAULT_CONFIG, ...config }, rootCode: locklift.factory.getContractArtifacts("DePoolRoot").code,
        walletCode: locklift.factory.getContractArtifacts("DePoolWallet").code, chains: chains.map((c) => [c, true]), genesisTime: nowSec(),
      } as any);
      const boc = nt.encodeInternalMessage(owner.toString(), address.toString(), true, stateInit, body, toNano(5));
      await sendRawMessage(boc);
      return (txOfMessage(nt.parseMessageBase64Extended(boc).hash) as any).description.compute.exitCode;
    }
    it("accepts the defaults", async () => expect(await tryDeploy({})).to.equal(0));
    for (const [name, bad] of [
      ["MIN > MAX", { minValidators: 5, maxValidators: 4 }],
      ["CUSTODY >= RELEASE", { custodyPeriod: 240, releasePeriod: 240 }],
      ["TERM 0", { term: 0 }],
      ["MIN_DEPOSIT 0", { minDeposit: "0" }],
      ["DELEGATION_THRESHOLD >= 2^80", { delegationThreshold: (1n << 80n).toString() }],
      ["slash rate > 1000", { delegatorSlashRate: 1001 }],
      ["lock bounds inverted", { minLockPeriod: 10, maxLockPeriod: 9 }],
      ["REPORT_TIMEOUT >= TERM", { reportTimeout: 3600 }],
      ["MIN_STAKE 0", { minStake: "0" }],
    ] as const) {
      it(`rejects ${name} with INVALID_PARAM`, async () => expect(await tryDeploy(bad as never)).to.equal(ERROR_CODE.INVALID_PARAM));
    }
    it("rejects a chain list without this chain, or several chains without -1, with BAD_PAYLOAD", async () => {
      expect(await tryDeploy({}, [1])).to.equal(ERROR_CODE.BAD_PAYLOAD);
      expect(await tryDeploy({}, [0, 1])).to.equal(ERROR_CODE.BAD_PAYLOAD);
      expect(await tryDeploy({}, [-1, 0, 1])).to.equal(0);
    });
    it("a second constructor call fails ALREADY_INITIALIZED", async () => {
      const code = await tryFrom(s.elector, owner, "constructor", {
        config: DEFAULT_CONFIG, rootCode: locklift.factory.getContractArtifacts("DePoolRoot").code,
        walletCode: locklift.factory.getContractArtifacts("DePoolWallet").code, chains: [[0, true]], genesisTime: 1,
      });
      expect(code).to.equal(ERROR_CODE.ALREADY_INITIALIZED);
    });
  });

  describe("deployRoot", () => {
    const k1 = randomKey();
    it("creates an Eligible account and deploys the canonical root at the recomputed address", async () => {
      const r = await deployRoot(k1);
      const [ev] = eventsOf(r, "RootDeployed");
      expect(BigInt(ev.validatorKey)).to.equal(BigInt(k1));
      expect(ev.owner.toString()).to.equal(owner.toString());
      const acc = await s.elector.getters.getAccount({ validatorKey: k1 }).run();
      expect([acc.exists, acc.state, acc.deposit, acc.delegation]).to.deep.equal(["1", "0", "0", "0"]);
      expect(acc.owner.equals(owner)).to.equal(true);
      const expected = (await s.elector.getters.getRootAddress({ validatorKey: k1, owner }).run()).root;
      expect(acc.root.equals(expected)).to.equal(true);
      expect(ev.root.toString()).to.equal(expected.toString());
      const state = await locklift.provider.getFullContractState({ address: acc.root });
      expect(state.state!.isDeployed).to.equal(true);
      expect(state.state!.codeHash).to.equal(Cell.fromBase64(STUB_ROOT_CODE).hash().toString("hex"));
      // the deploy message carried the constructor with the policy and the wallet code
      const deploy = r.out.find((m) => m.dst === expected.toString())!;
      const d = nt.decodeInput(deploy.body!, ROOT_ABI(), "constructor", true)!;
      expect(d.input.lockPeriod).to.equal("3600");
      expect(d.input.walletCode).to.equal(locklift.factory.getContractArtifacts("DePoolWallet").code);
      expect((await s.elector.getters.getRegisteredStake({}).run()).accountCount).to.equal("1");
    });
    it("rejects a taken key, bad policies and low value with named errors and no state change", async () => {
      const before = await dataOf(s.elector.address);
      const call = (p: Record<string, unknown>, v = toNano(3)) => tryFrom(s.elector, owner, "deployRoot", { validatorKey: randomKey(), ...rootDefaults, ...p }, v);
      expect(await tryFrom(s.elector, owner, "deployRoot", { validatorKey: k1, ...rootDefaults }, toNano(3))).to.equal(ERROR_CODE.KEY_TAKEN);
      expect(await call({ lockPeriod: DEFAULT_CONFIG.maxLockPeriod + 1 })).to.equal(ERROR_CODE.LOCK_PERIOD_OUT_OF_BOUNDS);
      expect(await call({ unlockPeriod: 10 })).to.equal(ERROR_CODE.UNLOCK_PERIOD_OUT_OF_BOUNDS);
      expect(await call({ commissionPerMille: 1001 })).to.equal(ERROR_CODE.COMMISSION_OUT_OF_BOUNDS);
      expect(await call({ minStake: 1 })).to.equal(ERROR_CODE.MIN_STAKE_TOO_LOW);
      expect(await call({}, toNano(1.9))).to.equal(ERROR_CODE.LOW_VALUE);
      // committed failing call: nothing changes
      const r = await callFrom(s.elector, owner, "deployRoot", { validatorKey: k1, ...rootDefaults }, toNano(3));
      expect(r.exitCode).to.equal(ERROR_CODE.KEY_TAKEN);
      expect(await dataOf(s.elector.address)).to.equal(before);
    });
  });

  describe("nominate (transition 1, renewal) and root authenticity", () => {
    const k = randomKey();
    before(async () => { await deployRoot(k); });

    it("forged roots fail NOT_AUTHORIZED: another address, the right address with another owner", async () => {
      const stranger = (await makeWallet(5)).address;
      expect(await tryFrom(s.elector, stranger, "nominate", { deposit: 1, validatorKey: k, owner, signingKey: k, metadata: "" })).to.equal(ERROR_CODE.NOT_AUTHORIZED);
      expect(await tryFrom(s.elector, roots[k], "nominate", { deposit: 1, validatorKey: k, owner: stranger, signingKey: k, metadata: "" })).to.equal(ERROR_CODE.NOT_AUTHORIZED);
      // a canonical root of an unknown key (authentic address, no account)
      const k2 = randomKey();
      const root2 = (await s.elector.getters.getRootAddress({ validatorKey: k2, owner }).run()).root;
      expect(await tryFrom(s.elector, root2, "nominate", { deposit: 1, validatorKey: k2, owner, signingKey: k2, metadata: "" })).to.equal(ERROR_CODE.UNKNOWN_ACCOUNT);
    });

    it("Eligible -> Candidate (1): deposit, nomination end, order, onNominated to the root", async () => {
      const r = await nominate(k, toNano(10000), { metadata: Buffer.from("validator one").toString("base64") });
      expect(r.exitCode).to.equal(0);
      const [ev] = eventsOf(r, "Nominated");
      expect([ev.deposit, ev.totalDeposit, ev.nominationEnd, ev.transition]).to.deep.equal([toNano(10000), toNano(10000), "25", "1"]);
      const [sc] = eventsOf(r, "StateChanged");
      expect([sc.from, sc.to, sc.transition, sc.termId]).to.deep.equal(["0", "1", "1", "1"]);
      const acc = await s.elector.getters.getAccount({ validatorKey: k }).run();
      expect([acc.state, acc.deposit, acc.nominationEnd, acc.order]).to.deep.equal(["1", toNano(10000), "25", String(r.tx.now)]);
      const reply = r.out.find((m) => m.dst === roots[k].toString())!;
      const d = nt.decodeInput(reply.body!, ROOT_ABI(), "onNominated", true)!;
      expect(d.input).to.deep.include({ deposit: toNano(10000), totalDeposit: toNano(10000), nominationEnd: "25", state: "1" });
    });

    it("renewal / top-up keeps the state (transition 0); metadata over 128 bytes fails", async () => {
      const r = await nominate(k, toNano(5));
      const [ev] = eventsOf(r, "Nominated");
      expect([ev.totalDeposit, ev.transition]).to.deep.equal([(BigInt(toNano(10000)) + BigInt(toNano(5))).toString(), "0"]);
      expect(eventsOf(r, "StateChanged")).to.have.length(0);
      const long = await tryFrom(s.elector, roots[k], "nominate", { deposit: 0, validatorKey: k, owner, signingKey: k, metadata: Buffer.alloc(129).toString("base64") });
      expect(long).to.equal(ERROR_CODE.METADATA_TOO_LONG);
      const ok128 = await tryFrom(s.elector, roots[k], "nominate", { deposit: 0, validatorKey: k, owner, signingKey: k, metadata: Buffer.alloc(128).toString("base64") });
      expect(ok128).to.equal(0);
      expect(await tryFrom(s.elector, roots[k], "nominate", { deposit: 0, validatorKey: k, owner, signingKey: k, metadata: "" }, toNano(0.2))).to.equal(ERROR_CODE.LOW_VALUE);
      expect(await tryFrom(s.elector, roots[k], "nominate", { deposit: (1n << 80n).toString(), validatorKey: k, owner, signingKey: k, metadata: "" })).to.equal(ERROR_CODE.AMOUNT_TOO_LARGE);
    });
  });

  describe("delegate / revoke / redelegate", () => {
    const a = randomKey();
    const b = randomKey();
    const e = randomKey(); // stays Eligible
    before(async () => {
      await deployRoot(a);
      await deployRoot(b);
      await deployRoot(e);
      await nominate(a, toNano(10000));
      await nominate(b, toNano(20000));
    });

    it("delegate adds to the delegation, the registered stake and the ranking; change to remainingGasTo", async () => {
      const before = BigInt((await s.elector.getters.getRegisteredStake({}).run()).registeredStake);
      const r = await delegate(a, toNano(500));
      expect(r.exitCode).to.equal(0);
      const [ev] = eventsOf(r, "Delegated");
      expect([ev.amount, ev.delegation]).to.deep.equal([toNano(500), toNano(500)]);
      expect(r.out).to.have.length(1);
      expect(r.out[0].dst).to.equal(owner.toString());
      expect(BigInt((await s.elector.getters.getRegisteredStake({}).run()).registeredStake) - before).to.equal(BigInt(toNano(500)));
      await delegate(b, toNano(300));
      expect((await s.elector.getters.getAccount({ validatorKey: b }).run()).delegation).to.equal(toNano(300));
      console.log(`      gas: delegate ${r.gas}`);
    });

    it("revoke subtracts at once; more than the delegation fails INSUFFICIENT_DELEGATION with no state change", async () => {
      const r = await delegate(a, toNano(400), "revoke");
      expect(r.exitCode).to.equal(0);
      const [ev] = eventsOf(r, "Revoked");
      expect(ev.delegation).to.equal(toNano(100));
      console.log(`      gas: revoke ${r.gas}`);
      const before = await dataOf(s.elector.address);
      const bad = await delegate(a, toNano(101), "revoke");
      expect(bad.exitCode).to.equal(ERROR_CODE.INSUFFICIENT_DELEGATION);
      expect(await dataOf(s.elector.address)).to.equal(before);
    });

    it("delegations to an Eligible account are ignored (DelegationIgnored), not thrown", async () => {
      const r = await delegate(e, toNano(10));
      expect(r.exitCode).to.equal(0);
      const [ev] = eventsOf(r, "DelegationIgnored");
      expect([ev.isRevoke, ev.state]).to.deep.equal([false, "0"]);
      expect((await s.elector.getters.getAccount({ validatorKey: e }).run()).delegation).to.equal("0");
      expect(await tryFrom(s.elector, owner, "delegate", { amount: 1, validatorKey: a, remainingGasTo: owner })).to.equal(ERROR_CODE.NOT_AUTHORIZED);
      expect(await tryFrom(s.elector, roots[a], "delegate", { amount: 1, validatorKey: a, remainingGasTo: owner }, toNano(0.09))).to.equal(ERROR_CODE.LOW_VALUE);
    });

    it("delegate / revoke authenticate by the account's recorded root: forged roots and unknown keys fail NOT_AUTHORIZED, nothing changes", async () => {
      // a holds a delegation (earlier tests): a forged revoke would take it away
      expect(BigInt((await s.elector.getters.getAccount({ validatorKey: a }).run()).delegation) > 0n).to.equal(true);
      const before = await dataOf(s.elector.address);
      const unknown = randomKey();
      // the canonical root address of a key that has no account (never deployed through the elector)
      const unknownRoot = (await s.elector.getters.getRootAddress({ validatorKey: unknown, owner }).run()).root;
      const forged: [string, Address, string][] = [
        ["another candidate's root, real key", roots[b], a],
        ["an Eligible account's root, real key", roots[e], a],
        ["a plain wallet, real key", owner, a],
        ["the canonical address of an unknown key", unknownRoot, unknown],
        ["a real root, unknown key", roots[a], unknown],
      ];
      for (const method of ["delegate", "revoke"]) {
        for (const [what, from, key] of forged) {
          const r = await callFrom(s.elector, from, method, { amount: 1, validatorKey: key, remainingGasTo: owner }, toNano(0.5));
          expect(r.exitCode, `${method} from ${what}`).to.equal(ERROR_CODE.NOT_AUTHORIZED);
        }
      }
      expect(await dataOf(s.elector.address)).to.equal(before);
      // the real root passes (emulated, not committed)
      for (const method of ["delegate", "revoke"]) {
        expect(await tryFrom(s.elector, roots[a], method, { amount: 1, validatorKey: a, remainingGasTo: owner }, toNano(0.5)), method).to.equal(0);
      }
    });

    it("redelegate moves delegation atomically and answers both roots", async () => {
      const wallet = (await makeWallet(1)).address;
      const r = await callFrom(s.elector, roots[b], "redelegate", { amount: toNano(100), nonce: 7, validatorKey: b, owner, toRoot: roots[a], wallet, lockUntil: 123 }, toNano(1));
      expect(r.exitCode).to.equal(0);
      expect(r.aborted, JSON.stringify(r.tx.description.action)).to.equal(false);
      const [ev] = eventsOf(r, "Redelegated");
      expect(BigInt(ev.fromKey)).to.equal(BigInt(b));
      expect(BigInt(ev.toKey)).to.equal(BigInt(a));
      expect(ev.amount).to.equal(toNano(100));
      expect((await s.elector.getters.getAccount({ validatorKey: b }).run()).delegation).to.equal(toNano(200));
      // the target root answers acceptRedelegation; if it throws (a skeleton root does), the bounce
      // reduces the target's delegation again and the elector logs RootCallFailed
      const accept = r.out.find((m) => m.dst === roots[a].toString())!;
      const rootTx = txOfMessage(accept.hash);
      const aDelegation = (await s.elector.getters.getAccount({ validatorKey: a }).run()).delegation;
      if (rootTx.description.aborted) {
        expect(aDelegation).to.equal(toNano(100));
        const bounceTx = txOfMessage(rootTx.outMessages.find((m: any) => m.bounced).hash);
        const ev = describeTx(bounceTx, s.elector.abi).events.find((e) => e.event === "RootCallFailed")!;
        expect(ev.data.amount).to.equal(toNano(100));
      } else {
        expect(aDelegation).to.equal(toNano(200));
      }
      const acc = r.out.find((m) => m.dst === roots[a].toString())!;
      const da = nt.decodeInput(acc.body!, ROOT_ABI(), "acceptRedelegation", true)!;
      expect(da.input.amount).to.equal(toNano(100));
      expect(da.input.lockUntil).to.equal("123");
      expect(da.input.fromRoot!.toString()).to.equal(roots[b].toString());
      const res = r.out.find((m) => m.dst === roots[b].toString())!;
      expect(nt.decodeInput(res.body!, ROOT_ABI(), "redelegationResult", true)!.input).to.deep.include({ amount: toNano(100), nonce: "7", reason: "0" });
    });

    it("redelegate failures are answered with a reason, state unchanged", async () => {
      const wallet = (await makeWallet(1)).address;
      const before = await dataOf(s.elector.address);
      const check = async (toRoot: Address, amount: string, reason: number) => {
        const r = await callFrom(s.elector, roots[b], "redelegate", { amount, nonce: 8, validatorKey: b, owner, toRoot, wallet, lockUntil: 0 }, toNano(1));
        expect(r.exitCode).to.equal(0);
        const res = r.out.find((m) => m.dst === roots[b].toString())!;
        expect(nt.decodeInput(res.body!, ROOT_ABI(), "redelegationResult", true)!.input.reason).to.equal(String(reason));
        expect(eventsOf(r, "Redelegated")).to.have.length(0);
      };
      await check(wallet, toNano(1), ERROR_CODE.UNKNOWN_ROOT);
      await check(roots[e], toNano(1), ERROR_CODE.NOT_CANDIDATE);
      await check(roots[a], toNano(1000), ERROR_CODE.INSUFFICIENT_DELEGATION);
      expect(await dataOf(s.elector.address)).to.equal(before);
    });
  });

  describe("ranking: candidates sharing one rank key (ranking.tolk bucket: key + ties)", () => {
    // three candidates with the same deposit, nominated in one block second, get the same delegation:
    // one rank key, ranked by validatorKey ascending (codechain-rules.md "Election" step 2, last rule)
    const keys = [randomKey(), randomKey(), randomKey()].sort((x, y) => (BigInt(x) < BigInt(y) ? -1 : 1));
    const ranked = async () => {
      const top = (await s.elector.getters.getTopCandidates({ limit: 50 }).run()).candidates as unknown as [string, { validatorKey: string; delegation: string }][];
      return top.map(([, c]) => c).filter((c) => keys.some((k) => BigInt(k) === BigInt(c.validatorKey))).map((c) => [BigInt(c.validatorKey), c.delegation]);
    };
    const at = (k: string, d: string) => [BigInt(k), d];
    before(async () => {
      for (const k of keys) await deployRoot(k);
      // one block second for the three nominations, however slow the machine
      await withClockStopped(async () => {
        for (const k of keys) expect((await nominate(k, toNano(10000))).exitCode).to.equal(0);
      });
      const orders = await Promise.all(keys.map(async (k) => (await s.elector.getters.getAccount({ validatorKey: k }).run()).order));
      expect(new Set(orders).size, "precondition: one nomination order (same block second)").to.equal(1);
    });

    it("delegations in any order rank the tie by key ascending; revoking the bucket's first or a later key keeps the rest in order", async () => {
      const d = toNano(100);
      for (const k of [keys[1], keys[2], keys[0]]) expect((await delegate(k, d)).exitCode).to.equal(0);
      expect(await ranked()).to.deep.equal(keys.map((k) => at(k, d)));
      // the bucket's first key leaves: the next smallest takes its place
      expect((await delegate(keys[0], d, "revoke")).exitCode).to.equal(0);
      expect(await ranked()).to.deep.equal([at(keys[1], d), at(keys[2], d)]);
      // back into the bucket as its smallest key
      expect((await delegate(keys[0], d)).exitCode).to.equal(0);
      expect(await ranked()).to.deep.equal(keys.map((k) => at(k, d)));
      // a later key leaves the tie for a higher rank key: it ranks first, the tie keeps its order
      expect((await delegate(keys[1], toNano(1))).exitCode).to.equal(0);
      expect(await ranked()).to.deep.equal([at(keys[1], toNano(101)), at(keys[0], d), at(keys[2], d)]);
      // every key out: nothing of them ranked
      for (const [k, amount] of [[keys[0], d], [keys[1], toNano(101)], [keys[2], d]]) expect((await delegate(k, amount, "revoke")).exitCode).to.equal(0);
      expect(await ranked()).to.deep.equal([]);
    });
  });
});
