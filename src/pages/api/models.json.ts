import type { APIRoute } from 'astro';
import { fleetJson } from '../../core/api.ts';
import { getSnapshot } from '../../site/snapshot.ts';

/** The fleet, with the same fields as `spog status --json`. */
export const GET: APIRoute = async () => new Response(`${JSON.stringify(fleetJson(await getSnapshot()), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
