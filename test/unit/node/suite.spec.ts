/** scripts/node-suite.ts: which chain specs can run against a `ddvs node`. */
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { selectNodeSuite } from "../../../scripts/node-suite";

describe("node: test:node spec selection", () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-suite-"));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    fs.writeFileSync(path.join(repo, rel), text);
  };
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it("runs specs that use only the network-aware helpers; reports those that reach into the executor and through which module; marked modules are trusted", () => {
    write("test/helpers/index.ts", `export * from "./emulator";\nexport * from "./ok";`);
    write("test/helpers/emulator.ts", `// ddvs:network-aware\nexport const x = (locklift.network as any).proxyNetwork;`);
    write("test/helpers/ok.ts", `export const ok = 1;`);
    write("test/helpers/forge.ts", `export const f = (locklift.network as any).proxyNetwork;`);
    write("test/chain/plain.spec.ts", `import { x } from "../helpers";\nit("a", () => {});`);
    write("test/chain/forged.spec.ts", `import { f } from "../helpers/forge";`);
    write("test/chain/direct.spec.ts", `const ex = (locklift.network as any).proxyNetwork._executor;`);
    write("test/chain/kit.ts", `import { y } from "../../bench/lib/exec";`);
    write("bench/lib/exec.ts", `export const y = (locklift.network as any)._executor;`);
    write("test/chain/viaKit.spec.ts", `import { z } from "./kit";`);
    write("test/chain/sub/cycle.spec.ts", `import { a } from "./a";`);
    write("test/chain/sub/a.ts", `import { b } from "./cycle.spec";`);
    write("test/chain/notes.md", `proxyNetwork`);

    const sel = selectNodeSuite(repo, ["test/chain"]);
    expect(sel.run).to.deep.equal(["test/chain/plain.spec.ts", "test/chain/sub/cycle.spec.ts"]);
    expect(sel.embeddedOnly).to.deep.equal({
      "test/chain/direct.spec.ts": "test/chain/direct.spec.ts",
      "test/chain/forged.spec.ts": "test/helpers/forge.ts",
      "test/chain/viaKit.spec.ts": "bench/lib/exec.ts",
    });
    // a single file target works too
    expect(selectNodeSuite(repo, ["test/chain/plain.spec.ts"]).run).to.deep.equal(["test/chain/plain.spec.ts"]);
  });
});
