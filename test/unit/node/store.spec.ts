import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { frame, readWal, walHeader, WalWriter, WalFormatError } from "../../../src/node/wal";
import { openDataDir, resetDataDir, unlock, DataDirError, FORMAT_VERSION } from "../../../src/node/store";

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ddvs-store-"));
const create = { chains: [-1, 0], globalId: 42, config: "te6cc" };

describe("node/wal: framed append-only log", () => {
  let dir: string;
  beforeEach(() => (dir = tmp()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function logWith(records: unknown[]): string {
    const file = path.join(dir, "wal.log");
    fs.writeFileSync(file, Buffer.concat([walHeader(1), ...records.map(frame)]));
    return file;
  }

  it("reads back every whole record", () => {
    const file = logWith([{ s: 1 }, { s: 2, x: "é" }]);
    const r = readWal<{ s: number }>(file, 1);
    expect(r.records.map(x => x.s)).to.deep.equal([1, 2]);
    expect(r.tornBytes).to.equal(0);
    expect(r.validLength).to.equal(fs.statSync(file).size);
  });

  it("stops at a torn last record (short frame) and the writer cuts it off", async () => {
    const file = logWith([{ s: 1 }, { s: 2 }]);
    const whole = fs.statSync(file).size;
    fs.appendFileSync(file, frame({ s: 3, pad: "x".repeat(100) }).subarray(0, 40));
    const r = readWal<{ s: number }>(file, 1);
    expect(r.records.map(x => x.s)).to.deep.equal([1, 2]);
    expect(r.tornBytes).to.equal(40);
    const w = WalWriter.open(file, r.validLength);
    await w.append([frame({ s: 3 })]);
    w.close();
    expect(readWal<{ s: number }>(file, 1).records.map(x => x.s)).to.deep.equal([1, 2, 3]);
    expect(fs.statSync(file).size).to.be.greaterThan(whole);
  });

  it("stops at a record whose checksum does not match", () => {
    const file = logWith([{ s: 1 }, { s: 2 }]);
    const buf = fs.readFileSync(file);
    buf[buf.length - 3] ^= 0xff; // flip a byte inside record 2
    fs.writeFileSync(file, buf);
    const r = readWal<{ s: number }>(file, 1);
    expect(r.records.map(x => x.s)).to.deep.equal([1]);
    expect(r.tornBytes).to.be.greaterThan(0);
  });

  it("refuses a foreign header and a newer format version", () => {
    const file = path.join(dir, "wal.log");
    fs.writeFileSync(file, "hello, this is not a log");
    expect(() => readWal(file, 1)).to.throw(WalFormatError, /not a ddvs node log/);
    fs.writeFileSync(file, walHeader(7));
    expect(() => readWal(file, 1)).to.throw(WalFormatError, /version 7, newer/);
  });
});

describe("node/store: data folder", () => {
  let dir: string;
  beforeEach(() => (dir = tmp()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates a fresh folder, reopens it, and refuses a second opener while locked", () => {
    const d = path.join(dir, "node");
    const a = openDataDir(d, create);
    expect(a.meta.version).to.equal(FORMAT_VERSION);
    expect(() => openDataDir(d, create)).to.throw(DataDirError, /already open in this process/);
    a.wal.close();
    unlock(d);
    fs.writeFileSync(path.join(d, "LOCK"), String(process.ppid)); // a live foreign pid
    expect(() => openDataDir(d, create)).to.throw(DataDirError, /in use by another ddvs node/);
    fs.writeFileSync(path.join(d, "LOCK"), "999999999"); // a dead pid (after kill -9)
    const b = openDataDir(d, create);
    expect(b.records).to.deep.equal([]);
    b.wal.close();
    unlock(d);
  });

  it("refuses (and leaves untouched) a non-empty foreign folder, garbage metadata, a newer format", () => {
    fs.writeFileSync(path.join(dir, "notes.txt"), "mine");
    expect(() => openDataDir(dir, create)).to.throw(DataDirError, /not a ddvs node data folder/);
    expect(() => resetDataDir(dir)).to.throw(DataDirError, /refusing to delete/);
    expect(fs.readFileSync(path.join(dir, "notes.txt"), "utf8")).to.equal("mine");

    const g = path.join(dir, "garbage");
    fs.mkdirSync(g);
    fs.writeFileSync(path.join(g, "node.json"), "{not json");
    expect(() => openDataDir(g, create)).to.throw(DataDirError, /not valid JSON/);
    expect(fs.readFileSync(path.join(g, "node.json"), "utf8")).to.equal("{not json");

    const n = path.join(dir, "newer");
    openDataDir(n, create).wal.close();
    unlock(n);
    const meta = JSON.parse(fs.readFileSync(path.join(n, "node.json"), "utf8"));
    meta.version = FORMAT_VERSION + 1;
    const text = JSON.stringify(meta);
    fs.writeFileSync(path.join(n, "node.json"), text);
    expect(() => openDataDir(n, create)).to.throw(DataDirError, /newer ddvs node/);
    expect(fs.readFileSync(path.join(n, "node.json"), "utf8")).to.equal(text);
  });

  it("rejects a different workchain list for an existing chain only when asked explicitly", () => {
    const d = path.join(dir, "node");
    openDataDir(d, create).wal.close();
    unlock(d);
    expect(() => openDataDir(d, { ...create, chains: [-1, 0, 1] }, { chainsExplicit: true })).to.throw(
      DataDirError,
      /workchains -1,0/,
    );
    const again = openDataDir(d, { ...create, chains: [-1, 0, 1] });
    expect(again.meta.chains).to.deep.equal([-1, 0]);
    again.wal.close();
    unlock(d);
  });

  it("reset removes only a node folder's own files", () => {
    const d = path.join(dir, "node");
    openDataDir(d, create).wal.close();
    unlock(d);
    resetDataDir(d);
    expect(fs.existsSync(d)).to.equal(false);
    resetDataDir(d); // missing folder: nothing to do
  });
});
