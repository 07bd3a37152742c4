import { parseDocument } from 'yaml';
import { readFileSync } from 'node:fs';
import matter from 'gray-matter';
const out = {};
for (const f of process.argv.slice(2)) {
  let text = readFileSync(f, 'utf8');
  if (f.endsWith('.md')) { text = text.replace(/\r\n?/g, '\n'); const fm = matter(text, { engines: { yaml: { parse: () => ({}) } }, language: 'yaml' }); text = fm.matter.startsWith('\n') ? fm.matter.slice(1) : fm.matter; }
  const doc = parseDocument(text, { uniqueKeys: true, strict: true, version: '1.2' });
  out[f] = doc.errors.length ? { error: doc.errors[0].message } : { value: doc.toJS() };
}
process.stdout.write(JSON.stringify(out));
