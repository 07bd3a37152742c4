/**
 * Line scanners for the two lines a large registry is made of: metric lines and batch feature
 * windows. They read a line straight from the bytes of an ASCII file (the usual case; a file with
 * other characters takes the full path), checking the JSON grammar and the schema's rules as they
 * go, without decoding the file to a string, without JSON.parse and without building an object
 * per line (about three times quicker: at 1,000 models these lines number millions). A value
 * seen on the line before (ts, version, run, metric names, slices, feature names) is recognised
 * in place and not copied again.
 *
 * A scanner accepts a subset of what the full path accepts (JSON.parse, then the fast check or
 * the Zod schema) and reads the same values from it; anything it is not sure of, an escape in a
 * string, a duplicate key, a categorical window, a value out of range, it leaves to the full
 * path, which writes the diagnostic. Tests compare the two on valid and invalid lines.
 */
import { Buffer } from 'node:buffer';
import { FORBIDDEN_KEY_MAX, FORBIDDEN_KEYS } from '../schema/common.ts';
import { METRIC_NAME_MAX, RUN_MAX, SLICE_KEY_RE } from '../schema/line-rules.ts';
import type { FastMetricCheck } from './fast-metric.ts';

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

/**
 * A copy of `s` that does not keep alive the text it was sliced from (V8 makes slices of 13 or
 * more characters views into their parent string). Used for the few strings a model keeps.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

const EMPTY = Buffer.alloc(0);
/** 10^0 .. 10^22: every one an exact double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** A position in one line of an ASCII text's bytes, with the JSON tokens the scanners need. */
class Cursor {
  protected b: Buffer = EMPTY;
  protected i = 0;
  protected end = 0;
  /** The number read by the last successful number(). */
  protected num = 0;

  protected reset(b: Buffer, start: number, end: number): void {
    this.b = b;
    this.i = start;
    this.end = end;
  }

  /** Are the bytes at `a` the characters of `v` (ASCII)? */
  protected at(v: string, a: number): boolean {
    const b = this.b;
    const n = v.length;
    if (a + n > b.length) return false;
    for (let k = 0; k < n; k++) if (b[a + k] !== v.charCodeAt(k)) return false;
    return true;
  }

  /** The characters of bytes a to c (ASCII, so latin1 decoding is exact). */
  protected text(a: number, c: number): string {
    return this.b.toString('latin1', a, c);
  }

  /** Skip JSON whitespace; the next character code, or -1 at the end of the line. */
  protected ws(): number {
    const b = this.b;
    let i = this.i;
    while (i < this.end) {
      const c = b[i];
      if (c === 32 || c === 9 || c === 13 || c === 10) i++;
      else {
        this.i = i;
        return c;
      }
    }
    this.i = i;
    return -1;
  }

  /** Past whitespace, a colon and whitespace; the code of the value's first character, or -1. */
  protected colon(): number {
    if (this.ws() !== COLON) return -1;
    this.i++;
    return this.ws();
  }

  /** At a '"': the index of the closing quote when the string holds no escape and no control character, else -1. */
  protected strEnd(): number {
    const b = this.b;
    const end = this.end;
    for (let j = this.i + 1; j < end; j++) {
      const c = b[j];
      if (c === QUOTE) return j;
      if (c === BACKSLASH || c < 32) return -1;
    }
    return -1;
  }

  /**
   * At a '"': is the string exactly `v` (which holds no quote, escape or control character)?
   * Moves past it when so. The character after the line is a newline or nothing, never a quote.
   */
  protected isStr(v: string): boolean {
    const a = this.i + 1;
    if (this.b[a + v.length] === QUOTE && this.at(v, a)) {
      this.i = a + v.length + 1;
      return true;
    }
    return false;
  }

  /**
   * At a '"': the string, from `cache` (recent values) when it is one of them; undefined when it
   * has escapes or, read anew, `ok` refuses it (so the cache holds only accepted values).
   */
  protected str(cache: string[], ok?: (v: string) => boolean): string | undefined {
    for (let k = 0; k < cache.length; k++) if (this.isStr(cache[k])) return cache[k];
    const j = this.strEnd();
    if (j < 0) return undefined;
    const v = this.text(this.i + 1, j);
    if (ok !== undefined && !ok(v)) return undefined;
    this.i = j + 1;
    if (cache.length >= 8) cache.pop();
    cache.unshift(v);
    return v;
  }

  /**
   * A JSON number (RFC 8259 grammar) into `num`, with the value JSON.parse gives it. Up to 15
   * significant digits with a power of ten up to 22 (nearly every number a pipeline writes)
   * are computed as digits * 10^k or digits / 10^k: both operands are exact doubles and IEEE
   * arithmetic rounds correctly, so the result is the correctly rounded value JSON.parse
   * gives (Clinger's fast path). Anything else goes through Number(), which reads a decimal
   * literal exactly as JSON.parse does. False when the text is not a JSON number.
   */
  protected number(): boolean {
    const b = this.b;
    const start = this.i;
    let i = start;
    let c = b[i];
    const neg = c === MINUS;
    if (neg) c = b[++i];
    let m = 0;
    let digits = 0;
    if (c === ZERO) c = b[++i];
    else if (c > ZERO && c <= NINE) {
      do {
        m = m * 10 + (c - ZERO);
        digits++;
        c = b[++i];
      } while (c >= ZERO && c <= NINE);
    } else return false;
    let scale = 0;
    if (c === DOT) {
      c = b[++i];
      if (!(c >= ZERO && c <= NINE)) return false;
      do {
        m = m * 10 + (c - ZERO);
        if (m !== 0) digits++;
        scale--;
        c = b[++i];
      } while (c >= ZERO && c <= NINE);
    }
    let exp = 0;
    let general = false;
    if (c === 101 || c === 69) {
      c = b[++i];
      let expNeg = false;
      if (c === PLUS || c === MINUS) {
        expNeg = c === MINUS;
        c = b[++i];
      }
      if (!(c >= ZERO && c <= NINE)) return false;
      do {
        if (exp < 1000) exp = exp * 10 + (c - ZERO);
        c = b[++i];
      } while (c >= ZERO && c <= NINE);
      if (expNeg) exp = -exp;
      general = true;
    }
    // The digit loops stop at the line's end: the next character is a newline, '\r' or nothing.
    const k = scale + exp;
    if (digits > 15 || general || k < -22 || k > 22) this.num = Number(this.text(start, i));
    else {
      const x = k === 0 ? m : k > 0 ? m * POW10[k] : m / POW10[-k];
      this.num = neg ? -x : x;
    }
    this.i = i;
    return true;
  }

  /** After a value: true at ',' (moved past it and whitespace), false at `close` (moved past it); undefined otherwise. */
  protected next(close: number): boolean | undefined {
    const c = this.ws();
    if (c === COMMA) {
      this.i++;
      this.ws();
      return true;
    }
    if (c === close) {
      this.i++;
      return false;
    }
    return undefined;
  }
}

// ---- metric lines --------------------------------------------------------------------------

const K_TS = 1;
const K_VERSION = 2;
const K_METRIC = 4;
const K_VALUE = 8;
const K_N = 16;
const K_SLICE = 32;
const K_RUN = 64;
const METRIC_REQUIRED = K_TS | K_VERSION | K_METRIC | K_VALUE;

/** The schema's rules for a metric name (MetricLineSchema `metric`). */
const metricNameOk = (m: string) => m.length >= 1 && m.length <= METRIC_NAME_MAX && !FORBIDDEN_KEYS.has(m);

/** One metric line as the scanner read it (the same object every line: use it before the next). */
export interface ScannedMetric {
  ts: string;
  /** ts in milliseconds. */
  t: number;
  version: string;
  metric: string;
  value: number;
  n: number | undefined;
  /** Slice with sorted keys, or undefined for the whole population (also for an empty slice). */
  slice: Record<string, string> | undefined;
  /** Canonical slice key (series.ts sliceKeyOf). */
  sliceKey: string;
  run: string | undefined;
}

interface SliceEntry {
  raw: string;
  slice: Record<string, string> | undefined;
  key: string;
}

/** Reads metric lines (MetricLineSchema); see the module comment. One per model. */
/** A cursor that reads the ts and version of a line, with caches: pipelines repeat them line after line. */
abstract class IdCursor extends Cursor {
  protected abstract readonly ids: FastMetricCheck;
  protected readonly tsCache: string[] = [];
  protected readonly versionCache: string[] = [];
  protected lastTs = '';
  protected lastT = NaN;
  protected lastVersion = '';

  /** Read a quoted ts into `r`; false when it is not a real ISO date. */
  protected readTs(r: { ts: string; t: number }): boolean {
    const ts = this.str(this.tsCache);
    if (ts === undefined) return false;
    if (ts !== this.lastTs) {
      const t = this.ids.tsMs(ts);
      if (Number.isNaN(t)) return false;
      this.lastTs = ts;
      this.lastT = t;
    }
    r.ts = ts;
    r.t = this.lastT;
    return true;
  }

  /** Read a quoted version id into `r`; false when it is not a version id. */
  protected readVersion(r: { version: string }): boolean {
    const v = this.str(this.versionCache);
    if (v === undefined) return false;
    if (v !== this.lastVersion) {
      if (!this.ids.versionOk(v)) return false;
      this.lastVersion = v;
    }
    r.version = v;
    return true;
  }
}

export class MetricLineScanner extends IdCursor {
  private readonly r: ScannedMetric = { ts: '', t: NaN, version: '', metric: '', value: 0, n: undefined, slice: undefined, sliceKey: '', run: undefined };
  protected readonly ids: FastMetricCheck;
  private readonly metricCache: string[] = [];
  private readonly runCache: string[] = [];
  private readonly sliceCache: SliceEntry[] = [];
  /** The opening ts/version/run pairs of the last line read (with its '{'), and their key bits. */
  private memo = '';
  private memoSeen = 0;

  constructor(ids: FastMetricCheck) {
    super();
    this.ids = ids;
  }

  /** The line as a ScannedMetric when it is surely valid, else undefined. */
  scan(b: Buffer, start: number, end: number): ScannedMetric | undefined {
    this.reset(b, start, end);
    const r = this.r;
    let seen = 0;
    // Lines of one run usually open with the same ts and version: when this line starts with the
    // previous line's opening pairs, their values (still in r) are taken as they are.
    const memo = this.memo;
    this.memo = '';
    const hit = memo !== '' && this.at(memo, start);
    let pair = !hit;
    if (hit) {
      this.i = start + memo.length;
      seen = this.memoSeen;
    } else {
      if (this.ws() !== LBRACE) return undefined;
      this.i++;
      if (this.ws() !== QUOTE) return undefined;
    }
    // Where the opening ts/version/run pairs of this line end, for the next line.
    let memoEnd = hit ? this.i : start;
    let memoSeen = seen;
    for (;;) {
      if (!pair) {
        const more = this.next(RBRACE);
        if (more === undefined) return undefined;
        if (!more) break;
        if (this.b[this.i] !== QUOTE) return undefined;
      }
      pair = false;
      const k = this.key();
      if (k === 0 || (seen & k) !== 0) return undefined;
      seen |= k;
      const c = this.colon();
      if (c < 0) return undefined;
      if (k === K_VALUE || k === K_N) {
        if (!this.number() || !Number.isFinite(this.num)) return undefined;
        if (k === K_VALUE) r.value = this.num;
        else if (!Number.isSafeInteger(this.num) || this.num < 0) return undefined;
        else r.n = this.num;
      } else if (k === K_SLICE) {
        if (c !== LBRACE || !this.slice()) return undefined;
      } else {
        if (c !== QUOTE) return undefined;
        if (k === K_TS) {
          if (!this.readTs(r)) return undefined;
        } else if (k === K_VERSION) {
          if (!this.readVersion(r)) return undefined;
        } else if (k === K_METRIC) {
          const m = this.str(this.metricCache, metricNameOk);
          if (m === undefined) return undefined;
          r.metric = m;
        } else {
          const run = this.str(this.runCache);
          if (run === undefined || run.length > RUN_MAX) return undefined;
          r.run = run;
        }
      }
      if ((seen & ~(K_TS | K_VERSION | K_RUN)) === 0) {
        memoEnd = this.i;
        memoSeen = seen;
      }
    }
    if (this.ws() !== -1 || (seen & METRIC_REQUIRED) !== METRIC_REQUIRED) return undefined;
    if (memoEnd > start) {
      this.memo = hit && memoEnd === start + memo.length ? memo : this.text(start, memoEnd);
      this.memoSeen = memoSeen;
    }
    if ((seen & K_N) === 0) r.n = undefined;
    if ((seen & K_RUN) === 0) r.run = undefined;
    if ((seen & K_SLICE) === 0) {
      r.slice = undefined;
      r.sliceKey = '';
    }
    return r;
  }

  /** At a key's '"': its bit, or 0 for an unknown key (or one with escapes). */
  private key(): number {
    const j = this.strEnd();
    if (j < 0) return 0;
    const b = this.b;
    const a = this.i + 1;
    this.i = j + 1;
    switch (j - a) {
      case 1: return b[a] === 110 ? K_N : 0;
      case 2: return this.at('ts', a) ? K_TS : 0;
      case 3: return this.at('run', a) ? K_RUN : 0;
      case 5: return this.at('value', a) ? K_VALUE : this.at('slice', a) ? K_SLICE : 0;
      case 6: return this.at('metric', a) ? K_METRIC : 0;
      case 7: return this.at('version', a) ? K_VERSION : 0;
      default: return 0;
    }
  }

  /** At '{': a slice object of slug keys and string values (the same text as a recent line's is recognised whole). */
  private slice(): boolean {
    const b = this.b;
    const a = this.i;
    for (const e of this.sliceCache) {
      if (this.at(e.raw, a)) {
        this.i = a + e.raw.length;
        this.r.slice = e.slice;
        this.r.sliceKey = e.key;
        return true;
      }
    }
    this.i++;
    const pairs: [string, string][] = [];
    if (this.ws() !== RBRACE) {
      for (;;) {
        if (b[this.i] !== QUOTE) return false;
        const j = this.strEnd();
        if (j < 0) return false;
        const key = this.text(this.i + 1, j);
        if (!SLICE_KEY_RE.test(key) || FORBIDDEN_KEYS.has(key) || pairs.some((p) => p[0] === key)) return false;
        this.i = j + 1;
        if (this.colon() !== QUOTE) return false;
        const k = this.strEnd();
        if (k < 0) return false;
        pairs.push([detach(key), detach(this.text(this.i + 1, k))]);
        this.i = k + 1;
        const more = this.next(RBRACE);
        if (more === undefined) return false;
        if (!more) break;
      }
    } else this.i++;
    pairs.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    const entry: SliceEntry = {
      raw: this.text(a, this.i),
      slice: pairs.length ? Object.fromEntries(pairs) : undefined,
      key: pairs.map(([k, v]) => `${k}=${v}`).join(','),
    };
    if (this.sliceCache.length >= 8) this.sliceCache.pop();
    this.sliceCache.unshift(entry);
    this.r.slice = entry.slice;
    this.r.sliceKey = entry.key;
    return true;
  }
}

// ---- batch feature windows -----------------------------------------------------------------

const B_TS = 1;
const B_VERSION = 2;
const B_FEATURES = 4;
const B_PREDICTION = 8;
const B_RUN = 16;
const BATCH_REQUIRED = B_TS | B_VERSION | B_FEATURES;
// A one-feature line (FeatureWindowSchema) with a numeric histogram.
const W_FEATURE = 32;
const W_ROLE = 64;
const W_TYPE = 128;
const W_HISTOGRAM = 256;
const WINDOW_REQUIRED = B_TS | B_VERSION | W_FEATURE | W_TYPE | W_HISTOGRAM;
const WINDOW_KEYS = B_TS | B_VERSION | B_RUN | W_FEATURE | W_ROLE | W_TYPE | W_HISTOGRAM;

/** A batch line the scanner checked without keeping its distributions (the same object every line). */
export interface ScannedBatch {
  scanned: true;
  ts: string;
  t: number;
  version: string;
  /** Number of windows on the line: its features plus the prediction. */
  windows: number;
}

/**
 * Checks batch feature-window lines (FeatureBatchSchema) whose distributions are numeric
 * histograms, including the cross-file rule that a histogram without edges must have as many
 * bins as the reference's histogram of that feature, and one-feature lines (FeatureWindowSchema)
 * with a numeric histogram. One per model, made once the reference is read. Lines with samples
 * or categorical counts take the full path.
 */
export class FeatureBatchScanner extends IdCursor {
  private readonly r: ScannedBatch = { scanned: true, ts: '', t: NaN, version: '', windows: 0 };
  protected readonly ids: FastMetricCheck;
  /** Edge count of each reference histogram, by feature. */
  private readonly refEdges: Map<string, number>;
  private readonly predictionEdges: number;
  /** Feature names of the previous line by position, with their reference edge counts. */
  private readonly names: string[] = [];
  private readonly nameEdges: number[] = [];
  /** How many leading entries of `names` are known to be pairwise different. */
  private distinct = 0;

  /** `refEdges`: feature name to its reference histogram's edge count; `predictionEdges`: the prediction's (0 when none). */
  constructor(ids: FastMetricCheck, refEdges: Map<string, number>, predictionEdges: number) {
    super();
    this.ids = ids;
    this.refEdges = refEdges;
    this.predictionEdges = predictionEdges;
  }

  scan(b: Buffer, start: number, end: number): ScannedBatch | undefined {
    this.reset(b, start, end);
    if (this.ws() !== LBRACE) return undefined;
    this.i++;
    const r = this.r;
    let seen = 0;
    let windows = 0;
    if (this.ws() !== QUOTE) return undefined;
    for (;;) {
      const k = this.isStr('ts') ? B_TS : this.isStr('version') ? B_VERSION : this.isStr('features') ? B_FEATURES : this.isStr('prediction') ? B_PREDICTION
        : this.isStr('run') ? B_RUN : this.isStr('feature') ? W_FEATURE : this.isStr('role') ? W_ROLE : this.isStr('type') ? W_TYPE : this.isStr('histogram') ? W_HISTOGRAM : 0;
      if (k === 0 || (seen & k) !== 0) return undefined;
      seen |= k;
      const c = this.colon();
      if (k === B_FEATURES) {
        if (c !== LBRACE) return undefined;
        const n = this.features();
        if (n < 0) return undefined;
        windows += n;
      } else if (k === B_PREDICTION) {
        if (c !== LBRACE || !this.distribution(this.predictionEdges)) return undefined;
        windows++;
      } else if (k === W_HISTOGRAM) {
        // A one-feature line's histogram gives its own edges (the schema asks for them).
        if (c !== LBRACE || !this.histogram(0)) return undefined;
      } else if (k === W_ROLE) {
        if (c !== QUOTE || !(this.isStr('input') || this.isStr('prediction'))) return undefined;
      } else if (k === W_TYPE) {
        if (c !== QUOTE || !this.isStr('numeric')) return undefined;
      } else if (k === W_FEATURE) {
        const j = c === QUOTE ? this.strEnd() : -1;
        if (j <= this.i + 1) return undefined;
        if (j - this.i - 1 <= FORBIDDEN_KEY_MAX && FORBIDDEN_KEYS.has(this.text(this.i + 1, j))) return undefined;
        this.i = j + 1;
      } else {
        if (c !== QUOTE) return undefined;
        if (k === B_TS) {
          if (!this.readTs(r)) return undefined;
        } else if (k === B_VERSION) {
          if (!this.readVersion(r)) return undefined;
        } else {
          const j = this.strEnd();
          if (j < 0 || j - this.i - 1 > RUN_MAX) return undefined;
          this.i = j + 1;
        }
      }
      const more = this.next(RBRACE);
      if (more === undefined) return undefined;
      if (!more) break;
      if (this.b[this.i] !== QUOTE) return undefined;
    }
    if (this.ws() !== -1) return undefined;
    if ((seen & BATCH_REQUIRED) === BATCH_REQUIRED && (seen & ~(BATCH_REQUIRED | B_PREDICTION | B_RUN)) === 0) r.windows = windows;
    else if ((seen & WINDOW_REQUIRED) === WINDOW_REQUIRED && (seen & ~WINDOW_KEYS) === 0) r.windows = 1;
    else return undefined;
    return r;
  }

  /** At '{': the features map; the number of features, or -1. */
  private features(): number {
    const b = this.b;
    this.i++;
    let k = 0;
    let fresh = false;
    if (this.ws() === RBRACE) {
      this.i++;
      return 0;
    }
    for (;;) {
      if (b[this.i] !== QUOTE) return -1;
      let edges: number;
      const known = this.names[k];
      if (known !== undefined && this.isStr(known)) edges = this.nameEdges[k];
      else {
        const j = this.strEnd();
        if (j < 0 || j === this.i + 1) return -1;
        const name = this.text(this.i + 1, j);
        if (FORBIDDEN_KEYS.has(name)) return -1;
        this.i = j + 1;
        this.names[k] = name;
        edges = this.refEdges.get(name) ?? 0;
        this.nameEdges[k] = edges;
        if (this.distinct > k) this.distinct = k;
        fresh = true;
      }
      if (this.colon() !== LBRACE || !this.distribution(edges)) return -1;
      k++;
      const more = this.next(RBRACE);
      if (more === undefined) return -1;
      if (!more) break;
    }
    // JSON.parse keeps the last of two equal keys; such a line takes the full path.
    if (fresh || k > this.distinct) {
      if (new Set(this.names.slice(0, k)).size !== k) return -1;
      this.distinct = k;
    }
    return k;
  }

  /** At '{': {"type": "numeric", "histogram": {...}} in either order. */
  private distribution(refEdges: number): boolean {
    this.i++;
    let seen = 0;
    if (this.ws() !== QUOTE) return false;
    for (;;) {
      if (this.isStr('type')) {
        if (seen & 1 || this.colon() !== QUOTE || !this.isStr('numeric')) return false;
        seen |= 1;
      } else if (this.isStr('histogram')) {
        if (seen & 2 || this.colon() !== LBRACE || !this.histogram(refEdges)) return false;
        seen |= 2;
      } else return false;
      const more = this.next(RBRACE);
      if (more === undefined) return false;
      if (!more) break;
      if (this.b[this.i] !== QUOTE) return false;
    }
    return seen === 3;
  }

  /** At '{': {"counts": [...], "edges": [...]?} with the schema's rules and, without edges, the reference's bin count. */
  private histogram(refEdges: number): boolean {
    this.i++;
    let counts = -1;
    let edges = -1;
    if (this.ws() !== QUOTE) return false;
    for (;;) {
      if (this.isStr('counts')) {
        if (counts >= 0 || this.colon() !== LBRACKET) return false;
        counts = this.numbers(true);
        if (counts < 1) return false;
      } else if (this.isStr('edges')) {
        if (edges >= 0 || this.colon() !== LBRACKET) return false;
        edges = this.numbers(false);
        if (edges < 2) return false;
      } else return false;
      const more = this.next(RBRACE);
      if (more === undefined) return false;
      if (!more) break;
      if (this.b[this.i] !== QUOTE) return false;
    }
    if (counts < 0) return false;
    return (edges < 0 ? refEdges : edges) === counts + 1;
  }

  /** At '[': finite numbers, non-negative (`counts`) or strictly ascending (edges); how many, or -1. */
  private numbers(counts: boolean): number {
    this.i++;
    let n = 0;
    let prev = -Infinity;
    if (this.ws() === RBRACKET) {
      this.i++;
      return 0;
    }
    const b = this.b;
    for (;;) {
      // The common case, a small non-negative integer right before ',' or ']', read in place.
      let i = this.i;
      let c = b[i];
      if (c >= ZERO && c <= NINE) {
        let v = c - ZERO;
        c = b[++i];
        if (v !== 0) {
          while (c >= ZERO && c <= NINE && v < 1e14) {
            v = v * 10 + (c - ZERO);
            c = b[++i];
          }
        }
        if (c === COMMA || c === RBRACKET) {
          if (!counts && !(v > prev)) return -1;
          prev = v;
          n++;
          this.i = i + 1;
          if (c === RBRACKET) return n;
          this.ws();
          continue;
        }
      }
      if (!this.number()) return -1;
      const x = this.num;
      if (!Number.isFinite(x)) return -1;
      if (counts ? !(x >= 0) : !(x > prev)) return -1;
      prev = x;
      n++;
      const more = this.next(RBRACKET);
      if (more === undefined) return -1;
      if (!more) return n;
    }
  }
}
