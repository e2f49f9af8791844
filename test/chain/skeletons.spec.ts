/**
 * The three DDVS contracts exist as ABI + Tolk built by the pipeline: each deploys through
 * locklift's signed external constructor on its workchain, runs the code `npm run build` wrote,
 * and refuses functions whose behaviour is not built yet with the named error.
 */
import { expect } from "chai";
import fs from "fs";
import path from "path";
import { toNano } from "locklift";
import { ERROR_CODE } from "../../build/errors";
import { buildInternal, emulateMessage, enableSignatureChecks, freshKeys, makeWallet, sampleTokens } from "../helpers";
import { loadAbi, functionId } from "../../src/toolchain/abi";
import { electorConstructorParams } from "../../src/deploy/chains";

const CONTRACTS = ["DePoolWallet", "DePoolRoot", "DElectorConfig"] as const;

describe("toolchain: DDVS contract skeletons", () => {
  before(() => enableSignatureChecks());

  for (const name of CONTRACTS) {
    it(`${name}: deploys with a signed external constructor and rejects unbuilt functions with NOT_IMPLEMENTED`, async () => {
      const abi = loadAbi(fs.readFileSync(path.resolve(__dirname, `../../build/${name}.abi.json`), "utf8"));
      const keys = await freshKeys();
      const owner = await makeWallet(20);
      const statics = sampleTokens(abi.fields.filter((f, i) => f.init && i > 0), owner.address.toString());
      const ctor = abi.functions.find((f) => f.name === "constructor")!;
      const workchain = name === "DElectorConfig" ? -1 : 0;
      const { contract } = await locklift.factory.deployContract({
        contract: name,
        publicKey: keys.publicKey,
        initParams: { _pubkey: `0x${keys.publicKey}`, ...statics } as never,
        // DElectorConfig validates its constructor (docs/messages.md §1): a valid config, not zeros
        constructorParams: (name === "DElectorConfig"
          ? electorConstructorParams({ networkId: 0, publicKey: keys.publicKey, chains: [-1] }, 0)
          : sampleTokens(ctor.inputs, owner.address.toString())) as never,
        value: toNano(5),
        workchain,
      } as never);
      const state = await locklift.provider.getFullContractState({ address: contract.address });
      expect(state.state!.isDeployed).to.equal(true);
      expect(contract.address.toString().startsWith(`${workchain}:`)).to.equal(true);
      expect(state.state!.codeHash).to.equal(locklift.factory.getContractArtifacts(name).codeHash);
      // every other function: named error, no state change
      const fn = abi.functions.find((f) => f.name !== "constructor")!;
      const body = Buffer.alloc(4);
      body.writeUInt32BE(functionId(fn));
      const { beginCell } = await import("@ton/core");
      const msg = buildInternal({ src: owner.address, dst: contract.address, body: beginCell().storeBuffer(body).endCell().toBoc().toString("base64"), amount: toNano(1) });
      expect(await emulateMessage(contract.address, msg)).to.deep.equal({ accepted: true, exitCode: ERROR_CODE.NOT_IMPLEMENTED });
    });
  }
});
