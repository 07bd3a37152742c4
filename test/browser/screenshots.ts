/**
 * Screenshots for the README (not a test): build the demo site, then capture the overview
 * (desktop, full page; mobile, first screen) and the top of two model pages. Usage:
 *   npx node test/browser/screenshots.ts [registry] [outDir] [redModel] [otherModel]
 */
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite } from '../../src/site/build.ts';
import { launch } from './chromium.ts';
import { serveStatic } from './server.ts';

const registry = process.argv[2] ?? 'registry';
const shots = process.argv[3] ?? 'docs/screenshots';
const out = mkdtempSync(join(tmpdir(), 'spog-shots-'));
const { snapshot } = await buildSite({ registry, out });
const red = process.argv[4] ?? snapshot.models.find((m) => m.health === 'red')?.id;
const other = process.argv[5] ?? snapshot.models.find((m) => m.health === 'amber')?.id ?? snapshot.models.find((m) => m.health === 'green')?.id;
mkdirSync(shots, { recursive: true });
const server = await serveStatic(out);
const browser = await launch();
const scheme = (process.env.SCHEME ?? 'light') as 'light' | 'dark';
try {
  const desk = await browser.newPage({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1, colorScheme: scheme });
  await desk.goto(server.url, { waitUntil: 'load' });
  await desk.screenshot({ path: join(shots, 'overview.png'), fullPage: true });
  const mobile = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, colorScheme: scheme });
  await mobile.goto(server.url, { waitUntil: 'load' });
  await mobile.screenshot({ path: join(shots, 'overview-mobile.png') });
  for (const id of [red, other]) {
    if (!id) continue;
    await desk.goto(`${server.url}models/${id}/`, { waitUntil: 'load' });
    // The top of the page: health, every check, the primary metric chart and the detectors.
    await desk.screenshot({ path: join(shots, `model-${id}.png`), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1700 } });
  }
  console.log(`screenshots in ${shots}: overview, overview-mobile, model-${red}, model-${other}`);
} finally {
  await browser.close();
  await server.close();
}
