import type { APIRoute, GetStaticPaths } from 'astro';
import { modelJson } from '../../../site/model-job.ts';
import { getSite, modelPaths } from '../../../site/snapshot.ts';

export const getStaticPaths: GetStaticPaths = () => (globalThis.__spogModelJsonWritten ? [] : modelPaths());

/**
 * One model's full snapshot (the contract between the core and every page), as compact JSON: at
 * two years of daily data a model is ~90 KB this way and ~145 KB indented, for every model.
 * `spog build` writes these files from its worker threads; this route serves them in `astro dev`
 * and plain `astro build`, with the same bytes.
 */
export const GET: APIRoute = async ({ params }) => new Response(modelJson(await getSite().model(params.id!)), { headers: { 'Content-Type': 'application/json' } });
