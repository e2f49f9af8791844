/**
 * Cross-chain electors (issue 5, DDVS.md §1 and §6): one DElectorConfig per chain (−1, 0, 1, 2),
 * deployed by src/deploy/chains.ts; every elector computes every other one's address from its own
 * code, `_pubkey` and `networkId`, and rejects peer calls from anything else: another networkId,
 * other code with the same ABI and data, a chain outside the list.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { beginCell, Cell } from "@ton/core";
import { ERROR_CODE } from "../../build/errors";
import { freshKeys, enableSignatureChecks } from "../helpers";
import { deployElectors, electorAddress, peerProblems, DeployedElectors } from "../../src/deploy/chains";
import { tryCall } from "./voting-fixture";

const EMPTY = beginCell().endCell().toBoc().toString("base64");

describe("cross-chain electors: deployment and peer authenticity", () => {
  let net: DeployedElectors;
  let deployKey: string;

  before(async () => {
    enableSignatureChecks();
    deployKey = (await freshKeys()).publicKey;
    net = await deployElectors({ networkId: 101, publicKey: deployKey });
  });

  it("deploys one elector per chain (−1, 0, 1, 2) and each sees every other at its deployed address", async () => {
    expect([...net.electors.keys()]).to.deep.equal([-1, 0, 1, 2]);
    for (const [chainId, e] of net.electors) {
      expect(e.address.toString().startsWith(`${chainId}:`)).to.equal(true);
      expect(e.address.equals(await electorAddress(deployKey, 101, chainId))).to.equal(true);
      const chains = (await e.fields.chains()).map(([k]) => Number(k)).sort((a, b) => a - b);
      expect(chains).to.deep.equal([-1, 0, 1, 2]);
    }
    expect(await peerProblems(net)).to.deep.equal([]);
    // all electors share one StateInit: the account ids are equal, only the workchain differs
    const ids = new Set([...net.electors.values()].map((e) => e.address.toString().split(":")[1]));
    expect(ids.size).to.equal(1);
  });

  it("a constructor with a broken config rule or a chain list without this chain is refused", async () => {
    const keys = await freshKeys();
    const bad = (config: object, chains = [[-1, true], [0, true]]) =>
      locklift.factory.deployContract({
        contract: "DElectorConfig",
        publicKey: keys.publicKey,
        initParams: { _pubkey: `0x${keys.publicKey}`, networkId: 102 },
        constructorParams: { ...net.constructorParams, config: { ...(net.constructorParams.config as object), ...config }, chains } as never,
        value: toNano(5),
        workchain: 0,
      } as never);
    const refused = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch {
        return true;
      }
      return false;
    };
    expect(await refused(bad({ minValidators: 40 }))).to.equal(true); // MIN > MAX
    expect(await refused(bad({ reportTimeout: 3600 }))).to.equal(true); // REPORT_TIMEOUT ≥ TERM
    expect(await refused(bad({}, [[-1, true], [1, true]]))).to.equal(true); // chain 0 not in its own list
    expect(await refused(bad({}))).to.equal(false); // control: the same call with a valid config deploys
  });

  describe("forged peers are rejected (peer calls: commit, proposal, tally, submitProposal)", () => {
    const id = { originChain: -1, seq: 0 };

    it("the canonical peer is accepted (control)", async () => {
      const master = net.electors.get(-1)!;
      const r = await tryCall(master.address, net.electors.get(0)!, "commit", { id });
      expect(r).to.deep.equal({ accepted: true, exitCode: 0 }); // unknown id: ignored, no throw
    });

    it("same code and key, other networkId → NOT_AUTHORIZED", async () => {
      const other = await electorAddress(deployKey, 999, -1);
      for (const [method, input] of [
        ["commit", { id }],
        ["proposal", { id, change: { param: 5, value: 100 }, payload: EMPTY, expiresAt: 4_000_000_000 }],
        ["abort", { id, reason: 0 }],
      ] as const) {
        const r = await tryCall(other, net.electors.get(0)!, method, input);
        expect(r.exitCode, method).to.equal(ERROR_CODE.NOT_AUTHORIZED);
      }
      const t = await tryCall(await electorAddress(deployKey, 999, 0), net.electors.get(-1)!, "tally", { id, chainId: 0, yesStake: 1, totalStake: 1 });
      expect(t.exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED);
    });

    it("same ABI and data, other code → NOT_AUTHORIZED", async () => {
      // StateInit of the canonical elector with its code replaced (here: the DePoolWallet code)
      const art = locklift.factory.getContractArtifacts("DElectorConfig");
      const { stateInit } = (await locklift.provider.getStateInit(art.abi, {
        tvc: art.tvc, workchain: -1, publicKey: deployKey, initParams: { _pubkey: `0x${deployKey}`, networkId: 101 },
      } as never)) as { stateInit: string };
      const si = Cell.fromBase64(stateInit).beginParse();
      si.loadUint(5);
      si.loadRef(); // canonical code
      const data = si.loadRef();
      const otherCode = Cell.fromBase64(locklift.factory.getContractArtifacts("DePoolWallet").code);
      const hash = beginCell().storeUint(0b00110, 5).storeRef(otherCode).storeRef(data).endCell().hash().toString("hex");
      const forged = new Address(`-1:${hash}`);
      expect(forged.equals(net.electors.get(-1)!.address)).to.equal(false);
      const r = await tryCall(forged, net.electors.get(1)!, "commit", { id });
      expect(r.exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED);
    });

    it("a sender on a chain outside the list → UNKNOWN_CHAIN; a right peer naming another chain → NOT_AUTHORIZED", async () => {
      // a two-chain network (−1, 0) of the same key: its canonical elector address on chain 2 is not a peer
      const small = await deployElectors({ networkId: 103, publicKey: deployKey, chains: [-1, 0], value: toNano(5) });
      const outside = await electorAddress(deployKey, 103, 2);
      const r = await tryCall(outside, small.electors.get(-1)!, "tally", { id, chainId: 2, yesStake: 1, totalStake: 1 });
      expect(r.exitCode).to.equal(ERROR_CODE.UNKNOWN_CHAIN);
      const inside = await tryCall(small.electors.get(0)!.address, small.electors.get(-1)!, "tally", { id, chainId: 0, yesStake: 1, totalStake: 1 });
      expect(inside.exitCode).to.equal(0); // control: chain 0 is in its list (unknown id: ignored)
      const lie = await tryCall(net.electors.get(0)!.address, net.electors.get(-1)!, "tally", { id, chainId: 1, yesStake: 1, totalStake: 1 });
      expect(lie.exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED);
      // a workchain elector sending a commit "from the masterchain" origin
      const notOrigin = await tryCall(net.electors.get(2)!.address, net.electors.get(1)!, "commit", { id });
      expect(notOrigin.exitCode).to.equal(ERROR_CODE.NOT_AUTHORIZED);
    });

    it("submitProposal reaches only the masterchain elector (NOT_MASTERCHAIN)", async () => {
      const input = { change: { param: 5, value: 100 }, payload: EMPTY, expiresAt: 4_000_000_000, proposerKey: 1, chainId: 1 };
      const r = await tryCall(net.electors.get(1)!.address, net.electors.get(0)!, "submitProposal", input);
      expect(r.exitCode).to.equal(ERROR_CODE.NOT_MASTERCHAIN);
    });
  });
});
