import { expect } from "chai";
import { Cell, Dictionary } from "@ton/core";
import { LockliftNetwork } from "@broxus/locklift-network";
import { Address, ProviderRpcClient } from "everscale-inpage-provider";
import type * as StandaloneClient from "everscale-standalone-client";
import { deriveBip39Phrase, makeBip39Path } from "everscale-crypto";
import {
  DEFAULT_CHAINS,
  EVER_MAIN_CONFIG,
  configWithWorkchains,
  everConfigWithWorkchains,
  readWorkchains,
} from "../../../src/network/config";

// The node entry point (what locklift loads) wires nekoton for Node; its types are the main entry's
// (the "./nodejs" subpath is only reachable through package "exports", which moduleResolution "node" ignores).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Clock, EverscaleStandaloneClient, EverWalletAccount, SimpleAccountsStorage, SimpleKeystore } =
  require("everscale-standalone-client/nodejs") as typeof StandaloneClient;
type SimpleKeystore = StandaloneClient.SimpleKeystore;
type SimpleAccountsStorage = StandaloneClient.SimpleAccountsStorage;

function params(b64: string): Dictionary<number, Cell> {
  return Cell.fromBase64(b64).refs[0].beginParse().loadDictDirect(Dictionary.Keys.Uint(32), Dictionary.Values.Cell());
}

describe("network/config: multi-workchain EVER config", () => {
  const custom = everConfigWithWorkchains();

  it("EVER_MAIN_CONFIG lists only workchain 0; the result lists 0, 1, 2", () => {
    expect(readWorkchains(EVER_MAIN_CONFIG)).to.deep.equal([0]);
    expect(readWorkchains(custom)).to.deep.equal([0, 1, 2]);
    expect(readWorkchains(everConfigWithWorkchains([...DEFAULT_CHAINS, 3]))).to.deep.equal([0, 1, 2, 3]);
  });

  it("is memoized and ignores the masterchain id", () => {
    expect(everConfigWithWorkchains()).to.equal(custom);
    expect(everConfigWithWorkchains([...DEFAULT_CHAINS])).to.equal(custom);
  });

  it("rebuilding with workchain 0 only reproduces EVER_MAIN_CONFIG bit for bit", () => {
    expect(Cell.fromBase64(configWithWorkchains([0])).hash().equals(Cell.fromBase64(EVER_MAIN_CONFIG).hash())).to.equal(true);
  });

  it("keeps the root's bits and every other param identical; param 34 unchanged", () => {
    const a = Cell.fromBase64(EVER_MAIN_CONFIG);
    const b = Cell.fromBase64(custom);
    expect(b.bits.equals(a.bits)).to.equal(true);
    expect(b.refs.length).to.equal(a.refs.length);
    const pa = params(EVER_MAIN_CONFIG);
    const pb = params(custom);
    expect(pb.keys().sort((x, y) => x - y)).to.deep.equal(pa.keys().sort((x, y) => x - y));
    for (const k of pa.keys()) {
      const same = pa.get(k)!.hash().equals(pb.get(k)!.hash());
      expect(same, `param ${k}`).to.equal(k !== 12);
    }
    expect(pb.get(34)!.hash().toString("hex")).to.equal(pa.get(34)!.hash().toString("hex"));
  });

  it("copies workchain 0's descriptor verbatim", () => {
    const wcs = params(custom)
      .get(12)!
      .beginParse()
      .loadDict(Dictionary.Keys.Int(32), {
        serialize: () => {
          throw new Error("unused");
        },
        parse: s => s.asCell(),
      });
    const d0 = wcs.get(0)!;
    expect(d0.bits.length).to.equal(724);
    expect(d0.beginParse().loadUint(8)).to.equal(0xa6);
    for (const wc of [1, 2]) expect(wcs.get(wc)!.hash().equals(d0.hash())).to.equal(true);
  });

  describe("end to end on the embedded network (Tycho emulator)", () => {
    // Same wiring as locklift's `Locklift.setup` for a "proxy" connection.
    const GIVER = "0:f2570313b1d6313db96f01ff3af1ebbae31111aa0bbf74f51397b67990bc2b73";
    // The embedded giver is an EverWallet owned by key #0 of locklift's default phrase
    // (locklift puts keys 0..n-1 of `keys.phrase` in its keystore, so it signs with that).
    const DEFAULT_PHRASE = "maze turn choose industry beauty sweet panther valve double report upset mother";
    interface Env {
      provider: ProviderRpcClient;
      keystore: SimpleKeystore;
      accounts: SimpleAccountsStorage;
    }
    let env: Env;

    /** Run `f` with console.log muted (the network logs which config it uses). */
    async function quiet<T>(f: () => Promise<T>): Promise<T> {
      const log = console.log;
      console.log = () => undefined;
      try {
        return await f();
      } finally {
        console.log = log;
      }
    }

    async function setup(networkConfig: { custom: string }): Promise<Env> {
      const net = new LockliftNetwork({ networkConfig });
      await net.initialize();
      const keystore = new SimpleKeystore();
      keystore.addKeyPair("0", deriveBip39Phrase(DEFAULT_PHRASE, makeBip39Path(0)));
      const accounts = new SimpleAccountsStorage();
      accounts.addAccount(new EverWalletAccount(new Address(GIVER))); // pre-deployed EverWallet giver
      const provider = new ProviderRpcClient({
        provider: EverscaleStandaloneClient.create({
          connection: { id: 1001, type: "proxy", data: { connectionFactory: net.connectionFactory } },
          keystore,
          accountsStorage: accounts,
          clock: new Clock(),
        }).then(c => {
          c.setPollingInterval(5);
          return c;
        }),
      });
      await provider.ensureInitialized();
      return { provider, keystore, accounts };
    }

    async function balance(p: ProviderRpcClient, addr: string): Promise<bigint> {
      const { state } = await p.getFullContractState({ address: new Address(addr) });
      return state ? BigInt(state.balance) : 0n;
    }

    async function send(p: ProviderRpcClient, to: string, amount: bigint): Promise<void> {
      await p.sendMessage({
        sender: new Address(GIVER),
        recipient: new Address(to),
        amount: amount.toString(),
        bounce: false,
      });
    }

    before(async () => {
      env = await quiet(() => setup({ custom }));
    });

    it("the giver funds accounts on workchains -1, 0, 1 and 2", async () => {
      const { provider } = env;
      expect(await balance(provider, GIVER) > 10n ** 20n).to.equal(true);
      for (const wc of [-1, 0, 1, 2]) {
        const to = `${wc}:${"ab".repeat(31)}${(wc & 0xff).toString(16).padStart(2, "0")}`;
        expect(await balance(provider, to)).to.equal(0n);
        await send(provider, to, 5_000_000_000n);
        const got = await balance(provider, to);
        expect(got > 4_000_000_000n && got <= 5_000_000_000n, `workchain ${wc}: ${got}`).to.equal(true);
      }
    });

    it("a wallet deployed on workchain 1 sends to workchain 2 and to the masterchain", async () => {
      const { provider, keystore, accounts } = env;
      const keys = deriveBip39Phrase(DEFAULT_PHRASE, makeBip39Path(1));
      keystore.addKeyPair("1", keys);
      const wallet = await EverWalletAccount.fromPubkey({ publicKey: keys.publicKey, workchain: 1 });
      accounts.addAccount(wallet);
      expect(wallet.address.toString().startsWith("1:")).to.equal(true);
      await send(provider, wallet.address.toString(), 10_000_000_000n);
      for (const to of [`2:${"12".repeat(32)}`, `-1:${"34".repeat(32)}`]) {
        await provider.sendMessage({ sender: wallet.address, recipient: new Address(to), amount: "2000000000", bounce: false });
        const got = await balance(provider, to);
        expect(got > 1_000_000_000n && got <= 2_000_000_000n, `${to}: ${got}`).to.equal(true);
      }
      const { state } = await provider.getFullContractState({ address: wallet.address });
      expect(state?.isDeployed).to.equal(true);
    });

    it("with plain EVER_MAIN_CONFIG a transfer to workchain 1 is dropped (control)", async () => {
      const { provider: p } = await quiet(() => setup({ custom: EVER_MAIN_CONFIG }));
      const to = `1:${"cd".repeat(32)}`;
      const before = await balance(p, GIVER);
      let sendError: unknown;
      await quiet(() => send(p, to, 5_000_000_000n)).catch(e => (sendError = e));
      expect(sendError, String(sendError)).to.equal(undefined);
      // the giver's transaction ran (it paid for it), but nothing arrived on workchain 1
      expect((await balance(p, GIVER)) < before).to.equal(true);
      expect(await balance(p, to)).to.equal(0n);
    });
  });
});
