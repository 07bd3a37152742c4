/** JSON Schemas for editors (yaml-language-server) and for the site, generated from the Zod schemas. */
import { z } from 'zod';
import { FILE_KINDS, type FileKind } from './index.ts';

/** The JSON Schema of one file kind, as users write it (defaults make fields optional). */
export function jsonSchemaFor(kind: FileKind): Record<string, unknown> {
  const { schema, pattern } = FILE_KINDS[kind];
  const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { ...js, title: pattern };
}

/** Every file kind's schema file name and its text, stable for byte-for-byte comparison. */
export function allJsonSchemas(): { file: string; text: string }[] {
  return (Object.keys(FILE_KINDS) as FileKind[]).map((kind) => ({
    file: FILE_KINDS[kind].file,
    text: `${JSON.stringify(jsonSchemaFor(kind), null, 2)}\n`,
  }));
}
