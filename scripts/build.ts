/** `npm run build`: compiles every contract in contracts/ into locklift artifacts in build/. */
import path from "path";
import { buildAll } from "../src/toolchain/build";

buildAll(path.resolve(__dirname, ".."))
  .then((r) => console.log(`built ${r.length} contracts into build/`))
  .catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
