import type { APIRoute, GetStaticPaths } from 'astro';
import type { ModelSnapshot } from '../../../core/types.ts';
import { getSnapshot } from '../../../site/snapshot.ts';

export const getStaticPaths: GetStaticPaths = async () => (await getSnapshot()).models.map((model) => ({ params: { id: model.id }, props: { model } }));

/**
 * One model's full snapshot (the contract between the core and every page), as compact JSON: at
 * two years of daily data a model is ~90 KB this way and ~145 KB indented, for every model.
 */
export const GET: APIRoute = ({ props }) => new Response(`${JSON.stringify((props as { model: ModelSnapshot }).model)}\n`, { headers: { 'Content-Type': 'application/json' } });
