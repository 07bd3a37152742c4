import type { APIRoute, GetStaticPaths } from 'astro';
import { getSnapshot } from '../../../site/snapshot.ts';

export const getStaticPaths: GetStaticPaths = () => getSnapshot().models.map((m) => ({ params: { id: m.id } }));

/** One model's full snapshot (the contract between the core and every page). */
export const GET: APIRoute = ({ params }) => {
  const m = getSnapshot().models.find((x) => x.id === params.id)!;
  return new Response(`${JSON.stringify(m, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
