/**
 * The toolchain end to end on the embedded network: a Tolk contract built from its ABI 2.4
 * JSON is deployed by locklift's signed external constructor, decodes every ABI type nekoton
 * encodes (including a parameter list spanning several cells), re-encodes them in an event
 * nekoton decodes, exposes storage via `fields` and getters, and checks signed externals.
 */
import { expect } from "chai";
import { Address, Contract, toNano } from "locklift";
import type { FactorySource } from "../../build/factorySource";
import * as nt from "nekoton-wasm";
import { beginCell, Address as TonAddress, Cell } from "@ton/core";
import { buildExternal, buildInternal, buildUnsignedExternal, emulateMessage, enableSignatureChecks, freshKeys, makeWallet, sendRawMessage, timeTravel } from "../helpers";
import { ERROR_CODE } from "../../build/errors";

const cellOf = (build: (b: ReturnType<typeof beginCell>) => void) => {
  const b = beginCell();
  build(b);
  return b.endCell().toBoc().toString("base64");
};

describe("toolchain: AbiProbe (ABI 2.4 <-> Tolk)", () => {
  let keys: { publicKey: string; secretKey: string };
  let probe: Awaited<ReturnType<typeof deploy>>;
  let caller: Awaited<ReturnType<typeof makeWallet>>;

  async function deploy(nonce: number, owner: Address, k = keys) {
    const { contract } = await locklift.factory.deployContract({
      contract: "AbiProbe",
      publicKey: k.publicKey,
      initParams: { _pubkey: `0x${k.publicKey}`, nonce, owner },
      constructorParams: {},
      value: toNano(5),
    } as never);
    return contract as unknown as Contract<FactorySource["AbiProbe"]>;
  }

  before(async () => {
    enableSignatureChecks();
    keys = await freshKeys();
    caller = await makeWallet(50);
    probe = await deploy(1, caller.address);
  });

  it("deploys through locklift's signed external constructor and decodes storage via `fields`", async () => {
    expect(await probe.fields._constructorFlag()).to.equal(true);
    expect(await probe.fields._pubkey()).to.equal(BigInt("0x" + keys.publicKey).toString());
    expect(await probe.fields.nonce()).to.equal("1");
    expect((await probe.fields.owner()).equals(caller.address)).to.equal(true);
    expect((await probe.fields.lastD()).equals(caller.address)).to.equal(true);
  });

  it("round-trips every ABI type through Tolk, with parameters spanning several cells", async () => {
    const d = new Address("0:" + "ab".repeat(32));
    const my = new Address("-1:" + "cd".repeat(32));
    const input = {
      a: 200,
      b: -12345,
      c: true,
      d,
      e: cellOf((b) => b.storeUint(0xdeadbeef, 32)),
      f: Buffer.from("raw bytes \u0001\u0002").toString("hex"),
      g: "hello, Everscale",
      h: toNano("123.456"),
      i: "340282366920938463463374607431768211455123",
      j: 77,
      k: [
        [1, "18446744073709551615"],
        [42, "7"],
      ] as [number, string][],
      l: [3, 1, 4, 1, 5],
      m: { x: "9007199254740993", y: my },
      n: d,
      o: [[my, { p: "170141183460469231731687303715884105727", q: true }]] as [Address, { p: string; q: boolean }][],
      r: "-57896044618658097711785492504343953926634992332820282019728792003956564819968",
      s: ["115792089237316195423570985008687907853269984665640564039457584007913129639935", "0"],
    };
    const { traceTree } = await locklift.tracing.trace(probe.methods.echo(input).send({ from: caller.address, amount: toNano(1) }));
    const events = traceTree!.findEventsForContract({ contract: probe, name: "Echoed" as const });
    expect(events).to.have.length(1);
    const ev = events[0];
    expect(ev.a).to.equal("200");
    expect(ev.b).to.equal("-12345");
    expect(ev.c).to.equal(true);
    expect(ev.d.equals(d)).to.equal(true);
    expect(Cell.fromBase64(ev.e).equals(Cell.fromBase64(input.e))).to.equal(true);
    expect(ev.f).to.equal(input.f);
    expect(ev.g).to.equal(input.g);
    expect(ev.h).to.equal(input.h);
    expect(ev.i).to.equal(input.i);
    expect(ev.j).to.equal("77");
    expect(ev.k.map(([k, v]: readonly [string, string]) => [Number(k), v])).to.deep.equal([
      [1, "18446744073709551615"],
      [42, "7"],
    ]);
    expect(ev.l.map(Number)).to.deep.equal(input.l);
    expect(ev.m.x).to.equal(input.m.x);
    expect(ev.m.y.equals(my)).to.equal(true);
    expect(ev.n!.equals(d)).to.equal(true);
    expect(ev.o[0][0].equals(my)).to.equal(true);
    expect(ev.o[0][1]).to.deep.equal({ p: input.o[0][1].p, q: true });
    expect(ev.r).to.equal(input.r);
    expect(ev.s).to.deep.equal(input.s);

    // what Tolk stored, read back by nekoton from storage and by get-methods
    expect(await probe.fields.lastA()).to.equal("200");
    expect((await probe.fields.lastD()).equals(d)).to.equal(true);
    expect(await probe.fields.lastH()).to.equal(input.h);
    expect((await probe.fields.lastK()).map(([k, v]) => [Number(k), v])).to.deep.equal([
      [1, "18446744073709551615"],
      [42, "7"],
    ]);
    const m = await probe.fields.lastM();
    expect(m.x).to.equal(input.m.x);
    expect(m.y.equals(my)).to.equal(true);
    const last = await probe.getters.getLast({}).run();
    expect(last.a).to.equal("200");
    expect(last.b).to.equal("-12345");
    expect(last.c).to.equal("1");
    expect(last.d.equals(d)).to.equal(true);
    expect(last.h).to.equal(input.h);
  });

  it("empty optionals, maps and arrays round-trip too", async () => {
    const input = {
      a: 0, b: 0, c: false, d: caller.address, e: cellOf(() => undefined), f: "", g: "", h: 0, i: 0,
      j: null, k: [], l: [], m: { x: 0, y: caller.address }, n: null, o: [], r: 0, s: [],
    };
    const { traceTree } = await locklift.tracing.trace(probe.methods.echo(input).send({ from: caller.address, amount: toNano(1) }));
    const [ev] = traceTree!.findEventsForContract({ contract: probe, name: "Echoed" as const });
    expect(ev.j).to.equal(null);
    expect(ev.n).to.equal(null);
    expect(ev.k).to.deep.equal([]);
    expect(ev.l).to.deep.equal([]);
    expect(ev.o).to.deep.equal([]);
    expect(ev.s).to.deep.equal([]);
    expect(ev.c).to.equal(false);
  });

  describe("signed external messages (ABI 2.4, signature checks on)", () => {
    const call = (value: number, signer = keys, timeoutSec = 60) =>
      buildExternal({ dst: probe.address, abi: probe.abi, method: "ping", input: { value }, signer, timeoutSec });

    it("a good signature is accepted and the call runs (locklift's own sendExternal too)", async () => {
      await probe.methods.ping({ value: 5 }).sendExternal({ publicKey: keys.publicKey });
      const msg = call(6);
      expect((await emulateMessage(probe.address, msg.boc)).accepted).to.equal(true);
      await sendRawMessage(msg.boc);
      const { counter, lastValue } = await probe.getters.getCounter({}).run();
      expect([counter, lastValue]).to.deep.equal(["2", "6"]);
    });

    it("the signed data is the hash of (destination address ++ unsigned body); no signature id on EVER", async () => {
      const msg = call(7);
      // recompute what the contract hashes: its own address (267 bits) then the body after the signature
      const body = nt.parseMessageBase64Extended(msg.boc).body!;
      const s = Cell.fromBase64(body).beginParse();
      expect(s.loadBit()).to.equal(true);
      s.skip(512);
      const data = beginCell().storeAddress(TonAddress.parse(probe.address.toString())).storeSlice(s).endCell();
      expect(data.hash().toString("hex")).to.equal(msg.hashToSign.toString("hex"));
      // signing the body alone (no address) fails, and so does a signature-id-prefixed hash
      const bodyOnly = beginCell().storeSlice(Cell.fromBase64(body).beginParse().skip(513)).endCell().hash();
      const noAddr = buildExternal({ dst: probe.address, abi: probe.abi, method: "ping", input: { value: 8 }, signer: keys, signOver: () => bodyOnly });
      expect(await emulateMessage(probe.address, noAddr.boc)).to.deep.equal({ accepted: false, exitCode: ERROR_CODE.BAD_SIGNATURE });
      const withId = buildExternal({
        dst: probe.address, abi: probe.abi, method: "ping", input: { value: 8 }, signer: keys,
        signOver: (h) => Buffer.concat([Buffer.from([0, 0, 0, 42]), h]),
      });
      expect(await emulateMessage(probe.address, withId.boc)).to.deep.equal({ accepted: false, exitCode: ERROR_CODE.BAD_SIGNATURE });
    });

    it("a wrong key is rejected", async () => {
      const other = await freshKeys();
      expect(await emulateMessage(probe.address, call(9, other).boc)).to.deep.equal({ accepted: false, exitCode: ERROR_CODE.BAD_SIGNATURE });
    });

    it("an unsigned call is rejected", async () => {
      const boc = buildUnsignedExternal({ dst: probe.address, abi: probe.abi, method: "ping", input: { value: 9 } });
      expect(await emulateMessage(probe.address, boc)).to.deep.equal({ accepted: false, exitCode: ERROR_CODE.NO_SIGNATURE });
    });

    it("a replayed message is rejected", async () => {
      const msg = call(10);
      await sendRawMessage(msg.boc);
      expect((await probe.getters.getCounter({}).run()).lastValue).to.equal("10");
      expect(await emulateMessage(probe.address, msg.boc)).to.deep.equal({ accepted: false, exitCode: ERROR_CODE.REPLAY });
    });

    it("an expired message is rejected", async () => {
      const msg = call(11, keys, 5);
      await timeTravel(10);
      expect(await emulateMessage(probe.address, msg.boc)).to.deep.equal({ accepted: false, exitCode: ERROR_CODE.EXPIRED });
    });

    it("an unknown function id is rejected, internally and externally", async () => {
      const other = await deploy(2, caller.address);
      // internal: a body with an id the ABI does not have
      const body = cellOf((b) => b.storeUint(0x12345678, 32));
      const internal = buildInternal({ src: caller.address, dst: other.address, body, amount: toNano(1) });
      expect(await emulateMessage(other.address, internal)).to.deep.equal({ accepted: true, exitCode: ERROR_CODE.UNKNOWN_FUNCTION });
      // external: a signed call whose function id is unknown
      const unknown = buildExternal({
        dst: other.address, abi: JSON.stringify({ ...JSON.parse(other.abi as unknown as string), functions: [{ name: "nope", inputs: [], outputs: [] }] }),
        method: "nope", input: {}, signer: keys,
      });
      expect(await emulateMessage(other.address, unknown.boc)).to.deep.equal({ accepted: false, exitCode: ERROR_CODE.UNKNOWN_FUNCTION });
    });
  });
});
