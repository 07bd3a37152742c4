/**
 * Append-only NDJSON writes that lose nothing and never leave a partial line behind.
 *
 * For each target file, under its lock file (see lock.ts), in sorted file order:
 * 1. read the file and drop records already present (same identity and same payload), so logging
 *    the same record twice keeps it once; a record with the same identity but another payload is a
 *    conflict and refuses the whole batch;
 * 2. when the file ends without a newline, an earlier writer died mid-write: a tail that is not
 *    a JSON object is cut off (it was never acknowledged), a complete one gets its newline;
 * 3. write all new lines of that file with ONE write() on a descriptor opened with O_APPEND
 *    (and fsync when SPOG_FSYNC=1: a process that dies after write() loses nothing, the page cache
 *    holds the data; only a power cut or kernel crash needs fsync, at about 3 ms an append).
 * All locks are taken and all files checked before anything is written, so an invalid or
 * conflicting batch writes nothing. The lock makes read-check-append atomic; O_APPEND alone would
 * already keep concurrent appends from overwriting each other on a local file system, but it
 * cannot make the duplicate check atomic, and it is not atomic on NFS.
 */
import { closeSync, fstatSync, fsyncSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync, constants } from 'node:fs';
import { dirname } from 'node:path';
import { logMsg } from '../messages.ts';
import { acquireLock, releaseLock, type Lock, type LockOptions } from './lock.ts';

/** One line to append, with what makes it the same record as an existing line. */
export interface StoreRecord {
  /** The canonical JSON text, without newline. */
  line: string;
  /** Same identity = the same observation (e.g. ts, version, metric, slice, run). */
  identity: string;
  /** What must also be equal for a duplicate (e.g. value and n); otherwise it is a conflict. */
  payload: string;
  /** A substring every existing line of the same identity contains (cheap prefilter before JSON.parse). */
  hint: string;
  /** Where the record came from, for messages (e.g. "records.ndjson:3" or "--value"). */
  source: string;
}

/** Reads identity and payload back from an existing line's parsed JSON; null when it is not such a record. */
export type Identify = (value: unknown) => { identity: string; payload: string } | null;

export interface FileOutcome {
  file: string;
  written: number;
  duplicates: number;
  /** Bytes of an interrupted earlier write that were cut off. */
  repairedBytes: number;
}

export interface AppendOutcome {
  files: FileOutcome[];
  conflicts: string[];
}

interface Plan {
  file: string;
  lines: string[];
  duplicates: number;
  truncateTo: number | null;
  needsNewline: boolean;
  repairedBytes: number;
}

function readOrEmpty(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw e;
  }
}

function isJsonObject(s: string): boolean {
  try {
    const v = JSON.parse(s);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}

const NL = 0x0a;

function planFile(file: string, records: StoreRecord[], identify: Identify, conflicts: string[], display: (f: string) => string): Plan {
  // The file is searched as bytes (Buffer.indexOf is a memmem): a month file is never decoded or
  // split as a whole, only the lines that share a hint with a new record are parsed.
  let buf = readOrEmpty(file);
  const plan: Plan = { file, lines: [], duplicates: 0, truncateTo: null, needsNewline: false, repairedBytes: 0 };
  if (buf.length > 0 && buf[buf.length - 1] !== NL) {
    const cut = buf.lastIndexOf(NL) + 1;
    if (isJsonObject(buf.subarray(cut).toString('utf8').trim())) plan.needsNewline = true;
    else {
      plan.truncateTo = cut;
      plan.repairedBytes = buf.length - cut;
      buf = buf.subarray(0, cut);
    }
  }
  const hasLine = (line: string) => {
    const needle = Buffer.from(`${line}\n`);
    for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 1)) if (at === 0 || buf[at - 1] === NL) return true;
    return false;
  };
  // identity -> first existing line with it, built per hint (a date) only when a record needs it.
  const byHint = new Map<string, Map<string, { payload: string; offset: number }>>();
  const indexFor = (hint: string) => {
    let idx = byHint.get(hint);
    if (idx) return idx;
    idx = new Map();
    const needle = Buffer.from(hint);
    for (let at = buf.indexOf(needle); at >= 0; ) {
      const start = buf.lastIndexOf(NL, at) + 1;
      let end = buf.indexOf(NL, at);
      if (end < 0) end = buf.length;
      let id: { identity: string; payload: string } | null = null;
      try {
        id = identify(JSON.parse(buf.subarray(start, end).toString('utf8')));
      } catch {
        id = null;
      }
      if (id && !idx.has(id.identity)) idx.set(id.identity, { payload: id.payload, offset: start });
      at = buf.indexOf(needle, end);
    }
    byHint.set(hint, idx);
    return idx;
  };
  const lineAt = (offset: number) => {
    let n = 1;
    for (let i = buf.indexOf(NL); i >= 0 && i < offset; i = buf.indexOf(NL, i + 1)) n++;
    return n;
  };
  const seenInBatch = new Map<string, StoreRecord>();
  for (const r of records) {
    const earlier = seenInBatch.get(r.identity);
    if (earlier) {
      if (earlier.payload === r.payload) plan.duplicates++;
      else conflicts.push(logMsg.repeatsInBatch(r.source, earlier.source));
      continue;
    }
    seenInBatch.set(r.identity, r);
    if (hasLine(r.line)) {
      plan.duplicates++;
      continue;
    }
    const existing = indexFor(r.hint).get(r.identity);
    if (!existing) plan.lines.push(r.line);
    else if (existing.payload === r.payload) plan.duplicates++;
    else conflicts.push(logMsg.conflictsWithLine(r.source, display(file), lineAt(existing.offset)));
  }
  return plan;
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}

function execute(p: Plan, durable: boolean): void {
  if (p.lines.length === 0 && p.truncateTo === null && !p.needsNewline) return;
  mkdirSync(dirname(p.file), { recursive: true });
  const fd = openSync(p.file, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT, 0o644);
  try {
    if (p.truncateTo !== null && fstatSync(fd).size > p.truncateTo) ftruncateSync(fd, p.truncateTo);
    const body = (p.needsNewline ? '\n' : '') + p.lines.map((l) => `${l}\n`).join('');
    if (body) writeAll(fd, Buffer.from(body, 'utf8'));
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Append records to NDJSON files (map: file path -> records). Either every file gets its new
 * lines, or, when any record conflicts with an existing one, nothing is written.
 */
export function appendRecords(groups: Map<string, StoreRecord[]>, identify: Identify, opts: LockOptions & { display?: (file: string) => string; fsync?: boolean } = {}): AppendOutcome {
  const files = [...groups.keys()].sort();
  const locks: Lock[] = [];
  try {
    for (const f of files) {
      mkdirSync(dirname(f), { recursive: true });
      locks.push(acquireLock(f, opts));
    }
    const conflicts: string[] = [];
    const plans = files.map((f) => planFile(f, groups.get(f)!, identify, conflicts, opts.display ?? ((x) => x)));
    if (conflicts.length) return { files: plans.map((p) => ({ file: p.file, written: 0, duplicates: p.duplicates, repairedBytes: 0 })), conflicts };
    for (const p of plans) execute(p, opts.fsync ?? process.env.SPOG_FSYNC === '1');
    return { files: plans.map((p) => ({ file: p.file, written: p.lines.length, duplicates: p.duplicates, repairedBytes: p.repairedBytes })), conflicts };
  } finally {
    for (const l of locks.reverse()) releaseLock(l);
  }
}
