/**
 * locklift config of `npm run bench`: the project's embedded network with workchains 0..6
 * (param 12), so proposals can be measured on 8 chains (−1 and seven workchains).
 */
import base from "../locklift.config";
import { everConfigWithWorkchains } from "../src/network/config";

const config = { ...base, networks: { ...base.networks, locklift: { ...base.networks.locklift, blockchainConfig: { custom: everConfigWithWorkchains([0, 1, 2, 3, 4, 5, 6]) } } } };
export default config;
