/**
 * CSV as RFC 4180 writes it: fields separated by commas, records ended by CRLF, a field quoted
 * when it holds a comma, a double quote, CR or LF, its quotes doubled. Text cells carry the
 * spreadsheet guard OWASP recommends against formula injection ("CSV injection"): a text cell that
 * starts with = + - @, a tab or a carriage return gets a leading apostrophe, which Excel,
 * LibreOffice and Google Sheets read as "this is text". Numbers are written as numbers (the
 * shortest text that reads back as the same double) and never guarded: -0.03 stays -0.03.
 *
 * The reading half (csvRecords, csvFields) is what the overview's export button runs in the
 * browser: it picks whole records out of the site's CSV by their first field and never rebuilds a
 * cell, so the columns are defined once (view/fleet-csv.ts). No imports: it is bundled as is.
 */

/** A cell: text (guarded, quoted when needed), a number (as is), or nothing (an empty cell). */
export type CsvValue = string | number | null;

/** The record separator RFC 4180 prescribes. */
export const CRLF = '\r\n';

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list, with tab and CR). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** A text cell as written: a leading apostrophe when it could start a formula, then quoted when it must be. */
export function csvText(s: string): string {
  const safe = FORMULA_START.test(s) ? `'${s}` : s;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One cell: numbers as numbers (non-finite ones as empty cells, as JSON has null for them), text guarded, null empty. */
export function csvCell(v: CsvValue): string {
  if (v === null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  return csvText(v);
}

/** One record, without its line end. */
export function csvRecord(cells: readonly CsvValue[]): string {
  return cells.map(csvCell).join(',');
}

/** A whole document: every record ended by CRLF (the header is the first record). */
export function csvDocument(records: readonly (readonly CsvValue[])[]): string {
  return records.map((r) => csvRecord(r) + CRLF).join('');
}

/**
 * The records of a CSV text, each as written (quotes and all, without its line end): a line break
 * inside quotes belongs to the field. Accepts CRLF or bare LF line ends; a trailing line end does
 * not make an empty record.
 */
export function csvRecords(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || (c === '\r' && text[i + 1] === '\n'))) {
      out.push(text.slice(start, i));
      if (c === '\r') i++;
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** The fields of one record as text (quotes removed, doubled quotes made single; the guard's apostrophe kept). */
export function csvFields(record: string): string[] {
  const out: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (record[i] === '"') {
      i++;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quoted field in CSV record: ${record.slice(0, 80)}`);
        field += record.slice(i, q);
        if (record[q + 1] === '"') {
          field += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const comma = record.indexOf(',', i);
      const end = comma < 0 ? record.length : comma;
      field = record.slice(i, end);
      i = end;
    }
    out.push(field);
    if (i >= record.length) return out;
    if (record[i] !== ',') throw new Error(`unexpected text after a quoted field in CSV record: ${record.slice(0, 80)}`);
    i++;
  }
}
