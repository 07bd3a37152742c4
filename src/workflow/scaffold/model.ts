/**
 * The text of a new model card (`models/<id>/README.md`) and of a new version file
 * (`models/<id>/versions/<version>.yaml`), for `spog new` and the example model of `spog init`:
 * the modeline naming the JSON Schema, a comment above every key from the schema's descriptions,
 * and a Markdown body with the sections a model card needs.
 */
import { jsonSchemaFor } from '../../schema/json-schema.ts';
import type { Card } from '../../schema/card.ts';
import type { Version } from '../../schema/version.ts';
import { commentedLines, commentedYaml } from './commented-yaml.ts';

/** The card's front matter as written: the fields given, in the schema's order. */
export type CardFields = Pick<Card, 'name' | 'owners' | 'team' | 'task' | 'lifecycle' | 'primary_metric'> & Partial<Pick<Card, 'summary' | 'thresholds' | 'deployments' | 'tags' | 'source'>>;

export type VersionFields = Pick<Version, 'version' | 'trained_at'> & Partial<Pick<Version, 'author' | 'parent' | 'code' | 'data' | 'params' | 'metrics' | 'tags' | 'notes'>>;

/** Leave out keys without a value and empty lists or maps, so the file holds what was said. */
function given<T extends object>(fields: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(fields).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0) && !(typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)),
  );
}

/** The Markdown body under the front matter: what the model page shows. */
function cardBody(name: string, description: string | undefined): string {
  return [
    `# ${name}`,
    '',
    description ?? 'What the model decides, for whom, and how its output is used.',
    '',
    '## Data',
    '',
    'What it learnt from (sources, time range, known gaps).',
    '',
    '## Limitations',
    '',
    'Where it should not be trusted, and what its owners watch.',
    '',
    '## How to use it',
    '',
    'Where its predictions are served, and who to ask.',
    '',
  ].join('\n');
}

/** models/<id>/README.md: front matter (modeline, commented keys) and a Markdown body. */
export function cardText(fields: CardFields, schemaHref: string, description?: string): string {
  const front = commentedLines(given(fields), jsonSchemaFor('card'));
  return `---\n# yaml-language-server: $schema=${schemaHref}\n${front.join('\n')}\n---\n\n${cardBody(fields.name, description)}`;
}

/** models/<id>/versions/<version>.yaml with a comment above every key. */
export function versionText(fields: VersionFields, schemaHref: string): string {
  return commentedYaml(given(fields), jsonSchemaFor('version'), schemaHref);
}
