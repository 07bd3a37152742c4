/**
 * The fleet CSV (/api/models.csv): RFC 4180 quoting, the spreadsheet formula guard on text and
 * never on numbers, read back by an independent reader (Python's csv module), and the same values
 * as /api/models.json for the demo registry.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { fleetJson } from '../../src/core/api.ts';
import { fleetOf } from '../../src/core/snapshot.ts';
import type { ModelSnapshot, Snapshot } from '../../src/core/types.ts';
import { computeSnapshot } from '../../src/site/snapshot.ts';
import { csvCell, csvDocument, csvFields, csvRecords, type CsvValue } from '../../src/view/csv.ts';
import { FLEET_CSV_COLUMNS, fleetCsv } from '../../src/view/fleet-csv.ts';
import { overviewView } from '../../src/view/overview.ts';
import { syntheticSnapshot } from './fixtures.ts';

/** Python's csv reader (strict: a malformed quote is an error), as an independent parser of what spog writes. */
function pythonCsv(text: string): string[][] {
  const code = 'import csv, io, json, sys\nr = csv.reader(io.TextIOWrapper(sys.stdin.buffer, encoding="utf-8", newline=""), strict=True)\nprint(json.dumps(list(r)))';
  const p = spawnSync('python3', ['-c', code], { input: text, encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`python3 could not read the CSV: ${p.error ?? p.stderr}`);
  return JSON.parse(p.stdout) as string[][];
}

/** Cells the way a hostile model card could fill them. */
const HOSTILE: string[] = [
  '=cmd|\' /C calc\'!A0',
  '=HYPERLINK("http://evil.example","click")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\tleading tab',
  '\rleading CR',
  'a, b and c',
  'say "hi"',
  'two\r\nlines',
  'bare\nnewline',
  'lone\rCR',
  '"',
  ',',
  '',
  'plain',
];

describe('a CSV cell', () => {
  it('is quoted only when it holds a comma, a double quote, CR or LF, with its quotes doubled (RFC 4180)', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell('x\ny')).toBe('"x\ny"');
  });

  it('gets a leading apostrophe when it is text that a spreadsheet would run as a formula', () => {
    expect(csvCell("=cmd|' /C calc'!A0")).toBe("'=cmd|' /C calc'!A0");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(1)')).toBe("'@SUM(1)");
    expect(csvCell('\tx')).toBe("'\tx");
    // Guarded first, then quoted: the apostrophe is inside the quotes.
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    // Only the first character matters.
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('2026-10-31')).toBe('2026-10-31');
  });

  it('writes numbers as numbers, never guarded, at full precision; nothing and non-finite numbers as empty cells', () => {
    expect(csvCell(-0.03)).toBe('-0.03');
    expect(csvCell(-0.056702175493913064)).toBe('-0.056702175493913064');
    expect(csvCell(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(csvCell(1e-7)).toBe('1e-7');
    expect(csvCell(0)).toBe('0');
    expect([csvCell(null), csvCell(Number.NaN), csvCell(Number.POSITIVE_INFINITY)]).toEqual(['', '', '']);
    for (const x of [-0.03, -1.021449999999998, 123456.789, -5e-324]) expect(Number(csvCell(x))).toBe(x);
  });
});

describe('a CSV document', () => {
  const rows: CsvValue[][] = [['id', 'text', 'number'], ...HOSTILE.map((s, i): CsvValue[] => [`m${i}`, s, -0.03 * (i + 1)])];
  const text = csvDocument(rows);
  const guarded = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

  it('ends every record with CRLF', () => {
    expect(text.startsWith('id,text,number\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('reads back, in Python\'s csv module, as the text with the guard\'s apostrophe and the numbers as written', () => {
    const read = pythonCsv(text);
    expect(read).toEqual([['id', 'text', 'number'], ...HOSTILE.map((s, i) => [`m${i}`, guarded(s), String(-0.03 * (i + 1))])]);
    expect(read.slice(1).map((r) => Number(r[2]))).toEqual(HOSTILE.map((_, i) => -0.03 * (i + 1)));
  });

  it('splits into whole records (a line break inside quotes stays in its field) that our reader parses as Python does', () => {
    const records = csvRecords(text);
    expect(records).toHaveLength(rows.length);
    expect(records.map(csvFields)).toEqual(pythonCsv(text));
    // The export keeps records as written: joined again, they are the document.
    expect(records.map((r) => `${r}\r\n`).join('')).toBe(text);
  });

  it('splits text with bare LF line ends or no final line end as well', () => {
    expect(csvRecords('a,b\nc,"d\ne"\nf,g')).toEqual(['a,b', 'c,"d\ne"', 'f,g']);
    expect(csvFields('c,"d\ne",')).toEqual(['c', 'd\ne', '']);
  });

  it('refuses a record whose quotes do not close, rather than guessing', () => {
    expect(() => csvFields('"abc')).toThrow(/unterminated/);
    expect(() => csvFields('"ab"c')).toThrow(/unexpected text/);
  });
});

describe('the fleet CSV', () => {
  it('holds the demo registry\'s values as /api/models.json has them, at full precision, one record per model', () => {
    const snap = computeSnapshot('registry');
    const json = JSON.parse(JSON.stringify(fleetJson(snap))) as ReturnType<typeof fleetJson>;
    const read = pythonCsv(fleetCsv(snap));
    const header = read[0];
    expect(header).toEqual(FLEET_CSV_COLUMNS.map((c) => c.header));
    expect(read).toHaveLength(json.models.length + 1);
    const col = (r: string[], name: string) => r[header.indexOf(name)];
    const num = (s: string) => (s === '' ? null : Number(s));
    const byId = new Map(read.slice(1).map((r) => [r[0], r]));
    let negative = 0;
    for (const m of json.models) {
      const r = byId.get(m.id)!;
      expect(r, m.id).toBeDefined();
      expect(r).toHaveLength(header.length);
      expect([col(r, 'name'), col(r, 'team'), col(r, 'health'), col(r, 'lifecycle'), col(r, 'registry_error')]).toEqual([m.name, m.team, m.health, m.lifecycle, String(m.registry_error)]);
      expect([col(r, 'primary_metric'), col(r, 'primary_direction')]).toEqual([m.primary.name, m.primary.direction]);
      expect([num(col(r, 'primary_value')), num(col(r, 'primary_expected')), num(col(r, 'primary_delta')), num(col(r, 'primary_delta_pct'))]).toEqual([m.primary.value, m.primary.expected, m.primary.delta, m.primary.delta_pct]);
      expect(col(r, 'top_reason')).toBe(m.reasons[0] ?? '');
      expect(col(r, 'other_reasons')).toBe(m.reasons.slice(1).join('\n'));
      expect(col(r, 'last_retrained')).toBe(m.last_retrained ?? '');
      expect(col(r, 'acknowledged_by')).toBe(m.acknowledged?.by ?? '');
      if ((m.primary.delta_pct ?? 0) < 0) negative++;
    }
    // Negative numbers are in the file, unguarded.
    expect(negative).toBeGreaterThan(0);
    // "Since when" is the Needs attention item's.
    for (const a of snap.fleet.attention) expect(col(byId.get(a.id)!, 'health_since')).toBe(a.since?.date ?? '');
    for (const a of snap.fleet.attention) expect(col(byId.get(a.id)!, 'health_since_or_earlier')).toBe(a.since ? String(a.since.earlier) : '');
    // A green model is dated too (green since when), from the same day history.
    const green = snap.models.find((m) => m.health === 'green')!;
    expect(col(byId.get(green.id)!, 'health_since')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Owners and tags whole, not the first alone.
    const two = snap.models.find((m) => m.owners.length > 1)!;
    expect(col(byId.get(two.id)!, 'owners')).toBe(two.owners.join('; '));
  });

  it('lists the models in the overview\'s order: teams by name, worst first within each', () => {
    const snap = computeSnapshot('registry');
    const ids = csvRecords(fleetCsv(snap)).slice(1).map((r) => csvFields(r)[0]);
    expect(ids).toEqual(overviewView(snap, '/').groups.flatMap((g) => g.rows.map((r) => r.id)));
  });

  it('keeps a hostile card\'s text as text: formulas guarded, commas, quotes and line breaks round-trip; numbers stay numbers', () => {
    const base = syntheticSnapshot(3);
    const hostile: ModelSnapshot = {
      ...base.models[0],
      name: '=cmd|\' /C calc\'!A0, "quoted"\r\nand a second line',
      owners: ['-owner@example.org', 'second, owner'],
      tags: ['@tag'],
      reasons: ['+1 reason', 'another'],
      primary: { ...base.models[0].primary, value: 0.97, expected: 1, delta: -0.03, delta_pct: -0.03 },
    };
    const models = [hostile, ...base.models.slice(1)];
    const snap: Snapshot = { ...base, models, fleet: fleetOf(models, base.as_of.date) };
    const read = pythonCsv(fleetCsv(snap));
    const header = read[0];
    const r = read.find((x) => x[0] === hostile.id)!;
    const col = (name: string) => r[header.indexOf(name)];
    expect(col('name')).toBe(`'${hostile.name}`);
    expect(col('owners')).toBe("'-owner@example.org; second, owner");
    expect(col('tags')).toBe("'@tag");
    expect(col('top_reason')).toBe("'+1 reason");
    expect([col('primary_delta'), col('primary_delta_pct')]).toEqual(['-0.03', '-0.03']);
    expect(read.every((x) => x.length === header.length)).toBe(true);
  });
});
