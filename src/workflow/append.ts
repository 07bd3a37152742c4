/**
 * Append-only NDJSON writes that lose nothing and never leave a partial line behind, also when the
 * disk is full or the writer is killed.
 *
 * For each target file, under its lock file (see lock.ts), in sorted file order:
 * 1. read the file and drop records already present (same identity and same payload), so logging
 *    the same record twice keeps it once; a record with the same identity but another payload is a
 *    conflict and refuses the whole batch;
 * 2. when the file ends without a newline (a writer of an older spog, or a hand edit, died
 *    mid-write): a tail that is not a JSON object is cut off (it was never acknowledged), a complete
 *    one gets its newline;
 * 3. write the file's whole new content (what it held, then the new lines) to `<file>.spog-tmp`,
 *    and only when every file of the batch is written, rename each over its file. A rename is
 *    atomic: a reader, a crash or SIGKILL sees the old file or the new one, never half a line; a
 *    full disk or a read-only file system fails at step 3, before any file changes, and the
 *    temporary files are removed ("nothing was written"). With SPOG_FSYNC=1 each temporary file
 *    is fsynced before its rename and the folder after it (a power cut or kernel crash then loses
 *    nothing acknowledged either, at a few ms an append).
 * All locks are taken and all files checked before anything is written, so an invalid or
 * conflicting batch writes nothing. The lock makes read-check-write one step, and it is what makes
 * the fixed temporary name safe: only the lock's holder writes it, so one found there is a dead
 * writer's leftover and is overwritten. Rewriting costs one write of the month file (the demo's
 * largest is about 100 KB; it was already read whole for the duplicate check).
 */
import { readFileSync, statSync, unlinkSync } from 'node:fs';
import { dirname } from 'node:path';
import { logMsg, writeMsg } from '../messages.ts';
import { acquireLock, releaseLock, type Lock, type LockOptions } from './lock.ts';
import { asWriteFailure, commitTemp, makeDir, writeTemp } from './safe-write.ts';

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
  /** The file's content to keep (all of it, or up to a cut-off torn tail). */
  kept: Buffer;
  needsNewline: boolean;
  repairedBytes: number;
  /** The existing file's permission bits and owner, kept by the rewrite (null: a new file). */
  mode: number | null;
  owner: { uid: number; gid: number } | null;
}

function readOrEmpty(file: string): { buf: Buffer; mode: number | null; owner: { uid: number; gid: number } | null } {
  try {
    const st = statSync(file);
    return { buf: readFileSync(file), mode: st.mode & 0o7777, owner: { uid: st.uid, gid: st.gid } };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { buf: Buffer.alloc(0), mode: null, owner: null };
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
  const existing = readOrEmpty(file);
  let buf = existing.buf;
  const plan: Plan = { file, lines: [], duplicates: 0, kept: buf, needsNewline: false, repairedBytes: 0, mode: existing.mode, owner: existing.owner };
  if (buf.length > 0 && buf[buf.length - 1] !== NL) {
    const cut = buf.lastIndexOf(NL) + 1;
    if (isJsonObject(buf.subarray(cut).toString('utf8').trim())) plan.needsNewline = true;
    else {
      plan.repairedBytes = buf.length - cut;
      buf = buf.subarray(0, cut);
      plan.kept = buf;
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

/** The file's whole new content, or null when it stays as it is. */
function newContent(p: Plan): Buffer | null {
  if (p.lines.length === 0 && p.repairedBytes === 0 && !p.needsNewline) return null;
  const body = (p.needsNewline ? '\n' : '') + p.lines.map((l) => `${l}\n`).join('');
  return Buffer.concat([p.kept, Buffer.from(body, 'utf8')]);
}

/** The fixed temporary name of a file's next content (safe under the file's lock; see the module comment). */
export const tempOf = (file: string) => `${file}.spog-tmp`;

/**
 * Write every changed file of the batch to its temporary file, then rename each into place. A
 * failure before the renames removes the temporary files and changes nothing; `done` collects the
 * files renamed, for the rare failure of a rename after another succeeded.
 */
function execute(plans: Plan[], durable: boolean, display: (f: string) => string): void {
  const todo = plans.map((p) => ({ p, data: newContent(p) })).filter((x): x is { p: Plan; data: Buffer } => x.data !== null);
  const temps: string[] = [];
  let at = '';
  try {
    for (const { p, data } of todo) {
      at = p.file;
      temps.push(writeTemp(p.file, data, { tmp: tempOf(p.file), mode: p.mode ?? undefined, owner: p.owner ?? undefined, durable }));
    }
  } catch (e) {
    for (const t of temps) unlinkQuiet(t);
    asWriteFailure(e, display(at), writeMsg.nothingWritten());
  }
  const done: string[] = [];
  for (let i = 0; i < todo.length; i++) {
    try {
      commitTemp(temps[i], todo[i].p.file, durable);
      done.push(display(todo[i].p.file));
    } catch (e) {
      for (const t of temps.slice(i + 1)) unlinkQuiet(t);
      asWriteFailure(e, display(todo[i].p.file), done.length ? writeMsg.partlyWritten(done) : writeMsg.nothingWritten());
    }
  }
}

function unlinkQuiet(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    /* already gone */
  }
}

/**
 * Append records to NDJSON files (map: file path -> records). Either every file gets its new
 * lines, or, when any record conflicts with an existing one or the disk refuses a write, nothing
 * is written (a WriteFailure says which file and why).
 */
export function appendRecords(groups: Map<string, StoreRecord[]>, identify: Identify, opts: LockOptions & { display?: (file: string) => string; fsync?: boolean } = {}): AppendOutcome {
  const files = [...groups.keys()].sort();
  const display = opts.display ?? ((x: string) => x);
  const locks: Lock[] = [];
  try {
    for (const f of files) {
      try {
        makeDir(dirname(f));
      } catch (e) {
        asWriteFailure(e, display(f), writeMsg.nothingWritten(), writeMsg.viaFolder(display(dirname(f))));
      }
      try {
        locks.push(acquireLock(f, opts));
      } catch (e) {
        asWriteFailure(e, display(f), writeMsg.nothingWritten(), writeMsg.viaLock(display(`${f}.lock`)));
      }
    }
    const conflicts: string[] = [];
    const plans = files.map((f) => planFile(f, groups.get(f)!, identify, conflicts, display));
    if (conflicts.length) return { files: plans.map((p) => ({ file: p.file, written: 0, duplicates: p.duplicates, repairedBytes: 0 })), conflicts };
    execute(plans, opts.fsync ?? process.env.SPOG_FSYNC === '1', display);
    return { files: plans.map((p) => ({ file: p.file, written: p.lines.length, duplicates: p.duplicates, repairedBytes: p.repairedBytes })), conflicts };
  } finally {
    for (const l of locks.reverse()) releaseLock(l);
  }
}
