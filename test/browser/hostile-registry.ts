/**
 * A small registry that tries to break the site: one demo model whose card carries script, event
 * handlers and javascript: links (and skips a heading level), and three broken copies of a demo
 * model (a `---js` card, a version that does not parse, a card with a YAML syntax error), one of
 * them with markup in its name and a card that starts at "##". Shared by the browser tests of the
 * site and the HTML checker's test.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The demo model whose card is made hostile. */
export const HOSTILE_MODEL = 'loan-default';

/** Write the hostile registry into `reg`, from the demo registry at `demo`. */
export function makeHostileRegistry(reg: string, demo: string): void {
  mkdirSync(join(reg, 'models'), { recursive: true });
  cpSync(join(demo, 'spog.yaml'), join(reg, 'spog.yaml'));
  cpSync(join(demo, 'models', HOSTILE_MODEL), join(reg, 'models', HOSTILE_MODEL), { recursive: true });
  const card = join(reg, 'models', HOSTILE_MODEL, 'README.md');
  writeFileSync(card, `${readFileSync(card, 'utf8')}
## Injected

<script>window.__pwnedScript = 1; alert('script')</script>

<img src="https://invalid.example/x.png" onerror="window.__pwnedImg = 1; alert('onerror')">

<p onmouseover="window.__pwnedHover = 1">hover me</p>

[click me](javascript:window.__pwnedLink=1)

<a id="raw-js" href="javascript:window.__pwnedRaw=1;alert('link')">raw link</a>

<iframe src="javascript:alert('iframe')"></iframe>

#### A heading two levels down
`);
  // Broken models must still be published, as registry errors (never dropped, never green).
  cpSync(join(demo, 'models', 'flight-on-time'), join(reg, 'models', 'broken-card'), { recursive: true });
  writeFileSync(join(reg, 'models', 'broken-card', 'README.md'), '---js\n{ name: (globalThis.__pwnedBuild = 1, "x") }\n---\n# Broken\n');
  cpSync(join(demo, 'models', 'flight-on-time'), join(reg, 'models', 'broken-version'), { recursive: true });
  writeFileSync(join(reg, 'models', 'broken-version', 'versions', 'v1.yaml'), 'version: v1\ntrained_at: yesterday\n');
  // A card that does not parse still names its team, lifecycle and name (line 8: a YAML syntax error).
  cpSync(join(demo, 'models', 'flight-on-time'), join(reg, 'models', 'broken-yaml'), { recursive: true });
  const by = join(reg, 'models', 'broken-yaml', 'README.md');
  writeFileSync(by, readFileSync(by, 'utf8').replace('name: Flight on time', 'name: Flight on time, broken card').replace('task: binary_classification', 'task: [binary'));
  // Text fields with markup are shown as text; a card with no title heading starts at "##".
  const hf = join(reg, 'models', 'broken-version', 'README.md');
  writeFileSync(hf, readFileSync(hf, 'utf8').replace(/^name: .*$/m, `name: "<img src=x onerror=alert('name')> Flights"`).replace('\n# Flight on time\n', '\n'));
}
