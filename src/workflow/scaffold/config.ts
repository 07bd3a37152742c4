/**
 * `registry/spog.yaml` for `spog init`: the answers (title, teams, site address) completed with
 * every default of the schema, each key under a one-line comment from its description. Nothing
 * here repeats a default: they come from `ConfigSchema` (src/schema/config.ts), so a default
 * changed there changes the scaffold.
 */
import { z } from 'zod';
import { ConfigSchema, type Team } from '../../schema/config.ts';
import { commentedYaml } from './commented-yaml.ts';

export interface ConfigAnswers {
  title?: string;
  teams: Team[];
  siteUrl?: string;
}

/** The text of spog.yaml for `answers`, from `schema` (ConfigSchema; another only in tests). */
export function configYaml(answers: ConfigAnswers, schemaHref: string, schema: z.ZodType = ConfigSchema): string {
  const input: Record<string, unknown> = { teams: answers.teams };
  if (answers.title !== undefined) input.title = answers.title;
  if (answers.siteUrl !== undefined) input.site = { url: answers.siteUrl };
  const value = schema.parse(input) as Record<string, unknown>;
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return commentedYaml(value, json, schemaHref, { showAbsent: true });
}
