/**
 * The embedded network's clock stopped for a test's precondition (src/dev/executor.ts
 * withClockStopped): transactions in it share the block second they started in, however long
 * the calls take; time travel still moves the clock; afterwards it runs with wall time again.
 */
import { expect } from "chai";
import { Address, toNano } from "locklift";
import { makeWallet, timeTravel } from "../helpers";
import { nowMs, nowSec, transactionsOf, withClockStopped } from "../../src/dev/executor";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("embedded network clock: withClockStopped", () => {
  let a: Address;
  let b: Address;

  before(async () => {
    a = (await makeWallet(20)).address;
    b = (await makeWallet(1)).address;
  });

  /** A signed external transfer from wallet `a` to `b`; the `now` of the wallet's transaction. */
  async function transfer(): Promise<number> {
    await locklift.provider.sendMessage({ sender: a, recipient: b, amount: toNano(0.1), bounce: false });
    return transactionsOf(a, 1)[0].now;
  }

  it("externals signed 1.2 s apart run in the second the stop began; time travel moves it by exactly its seconds", async () => {
    let start = 0;
    await withClockStopped(async () => {
      start = nowSec();
      expect(await transfer()).to.equal(start);
      await sleep(1200);
      expect(nowSec()).to.equal(start);
      // locklift's provider clock (getCurrentTime) is stopped with it
      expect(Math.floor(locklift.testing.getCurrentTime() / 1000)).to.equal(start);
      expect(await transfer()).to.equal(start);
      await timeTravel(7);
      expect(await transfer()).to.equal(start + 7);
      // nested: runs inside the outer stop
      await withClockStopped(async () => {
        await sleep(300);
        expect(nowSec()).to.equal(start + 7);
      });
      expect(nowSec()).to.equal(start + 7);
    });
    // afterwards: wall time again (the 1.5 s spent inside are not taken back), never backwards
    const after = nowMs();
    expect(Math.floor(after / 1000)).to.be.at.least(start + 8);
    await sleep(50);
    expect(nowMs()).to.be.at.least(after + 50);
  });

  it("the clock runs again even when the stopped block throws", async () => {
    const err = await withClockStopped(async () => {
      throw new Error("inside");
    }).catch((e: Error) => e);
    expect(err).to.be.instanceOf(Error);
    const t = nowMs();
    await sleep(30);
    expect(nowMs()).to.be.at.least(t + 30);
  });

});
