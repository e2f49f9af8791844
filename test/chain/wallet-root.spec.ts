/**
 * DePoolWallet ⇄ DePoolRoot (the real root of branch `root`) without an elector: the root is
 * constructed, and told its state, by messages that carry the canonical elector's address
 * (injected with that sender, as the network would deliver them from the elector), so the
 * wallet↔root messages run exactly as deployed. The root's deltas to the absent elector bounce,
 * which the root handles on its side. Full life cycles with the elector are the root's and the
 * elector's tests.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { Address, toNano } from "locklift";
import * as nt from "nekoton-wasm";
import { ERROR_CODE } from "../../build/errors";
import { makeWallet, sendRawMessage, TestAccount } from "../helpers";
import { WalletLedger, walletStateInit, walletOf, getPosition, DePoolWallet, WalletTx } from "../helpers/wallet";

const gen = fs.readFileSync(path.resolve(__dirname, "../../build/gen/network.tolk"), "utf8");
const NET_ID = Number(gen.match(/const NETWORK_ID = (\d+);/)![1]);
const ELECTOR_HASH = gen.match(/const ELECTOR_ADDRESS_HASH = 0x([0-9a-f]{64});/)![1];
const ELECTOR = new Address(`0:${ELECTOR_HASH}`);
const nano = (x: number | string) => BigInt(toNano(x));
const STATE_CANDIDATE = 1;

async function activeAccount(evers = 50): Promise<TestAccount> {
  const a = await makeWallet(evers);
  await locklift.provider.sendMessage({ sender: a.address, recipient: a.address, amount: toNano(0.01), bounce: false });
  return a;
}

/** Delivers an internal message from the elector's address to `dst` and returns once it is processed. */
async function fromElector(dst: Address, abi: object, method: string, input: Record<string, unknown>, value: string, stateInit?: string) {
  const body = nt.encodeInternalInput(JSON.stringify(abi), method, input as nt.TokensObject);
  const msg = nt.encodeInternalMessage(ELECTOR.toString(), dst.toString(), true, stateInit, body, value);
  await sendRawMessage(msg);
}

describe("DePoolWallet ⇄ DePoolRoot", () => {
  let validator: TestAccount;
  let root: any;
  let owner: TestAccount;
  let w: DePoolWallet;
  let L: WalletLedger;
  const rootAbi = () => locklift.factory.getContractArtifacts("DePoolRoot").abi;

  before(async () => {
    validator = await activeAccount(20);
    const art = locklift.factory.getContractArtifacts("DePoolRoot");
    const si = await locklift.provider.getStateInit(art.abi, {
      tvc: art.tvc,
      workchain: 0,
      publicKey: "0".repeat(64),
      initParams: { _pubkey: "0x0", networkId: NET_ID, validatorKey: "0x" + "ab".repeat(32), owner: validator.address },
    } as never);
    const walletCode = locklift.factory.getContractArtifacts("DePoolWallet").code;
    await fromElector(si.address, art.abi, "constructor", { lockPeriod: 600, unlockPeriod: 300, commissionPerMille: 100, minStake: toNano(1), capacity: 0, walletCode }, toNano(2), si.stateInit);
    root = locklift.factory.getDeployedContract("DePoolRoot", si.address);
    expect(await root.fields._constructorFlag()).to.equal(true);
  });

  it("deployWallet through the root deploys the canonical wallet; repeating it is harmless", async () => {
    owner = await activeAccount(100);
    w = await walletOf(owner.address, 0, NET_ID);
    L = new WalletLedger(w);
    const r1 = await L.run(root.methods.deployWallet({ walletOwner: owner.address, remainingGasTo: owner.address }).send({ from: owner.address, amount: toNano(1), bounce: true }));
    expect(r1.txs).to.have.length(1);
    expect(r1.txs[0].exitCode).to.equal(0);
    expect(await w.fields._constructorFlag()).to.equal(true);
    const r2 = await L.run(root.methods.deployWallet({ walletOwner: owner.address, remainingGasTo: owner.address }).send({ from: owner.address, amount: toNano(1), bounce: true }));
    expect(r2.txs[0].exitCode).to.equal(0);
    await L.run(w.methods.deposit({ amount: toNano(20), remainingGasTo: owner.address }).send({ from: owner.address, amount: toNano(20.1), bounce: true }));
    await L.check();
  });

  it("stake while the root is Eligible: the root answers rejectStake(ROOT_INACTIVE), pending goes back to free", async () => {
    const { txs } = await L.run(w.methods.stake({ root: root.address, amount: toNano(5) }).send({ from: owner.address, amount: toNano(1), bounce: true }));
    expect(txs).to.have.length(2);
    expect(txs[1].exitCode).to.equal(0);
    expect(txs[1].events.map((e) => e.event)).to.deep.equal(["StakeRejected"]);
    expect(txs[1].events[0].data.reason).to.equal(String(ERROR_CODE.ROOT_INACTIVE));
    const s = await L.check();
    expect(s.positions).to.deep.equal([]);
  });

  it("stake at a Candidate root: requestStake → lock; unlock: revoke → unlocked; claimRewards with nothing owed", async () => {
    await fromElector(root.address, rootAbi(), "onNominated", { deposit: 0, totalDeposit: toNano(10000), nominationEnd: 100, state: STATE_CANDIDATE }, toNano(0.2));
    expect(Number((await root.fields.state()))).to.equal(STATE_CANDIDATE);
    const r1 = await L.run(w.methods.stake({ root: root.address, amount: toNano(5) }).send({ from: owner.address, amount: toNano(1), bounce: true }));
    const [stake, lock] = r1.txs;
    expect(stake.exitCode).to.equal(0);
    expect(lock.exitCode).to.equal(0);
    expect(lock.events.map((e) => e.event)).to.deep.equal(["StakeLocked"]);
    const rootTx = r1.all.find((t) => t.account === root.address.toString())!.tx;
    expect(rootTx.exitCode).to.equal(0);
    let p = await getPosition(w, root.address);
    expect(p.locked).to.equal(nano(5));
    expect(p.unlockPeriod).to.equal(300);
    expect(p.lockUntil).to.be.greaterThan(0);
    await L.check();

    const r2 = await L.run(w.methods.unlock({ root: root.address, amount: toNano(2) }).send({ from: owner.address, amount: toNano(0.5), bounce: true }));
    const [unlock, unlocked] = r2.txs;
    expect(unlock.exitCode).to.equal(0);
    expect(unlocked.exitCode).to.equal(0);
    expect(unlocked.events.map((e) => e.event)).to.deep.equal(["Unlocking"]);
    p = await getPosition(w, root.address);
    expect(p).to.include({ locked: nano(3), revoking: 0n, unlocking: nano(2), releaseAt: p.lockUntil + 300 });
    await L.check();

    const r3 = await L.run(w.methods.claimRewards({ root: root.address }).send({ from: owner.address, amount: toNano(0.5), bounce: true }));
    expect(r3.txs.every((t: WalletTx) => t.exitCode === 0)).to.equal(true);
    await L.check();
    console.log(`      gas (with the real root): stake ${stake.gasUsed}, lock ${lock.gasUsed}, unlock ${unlock.gasUsed}, unlocked ${unlocked.gasUsed}; root requestStake ${rootTx.gasUsed}`);
  });
});
