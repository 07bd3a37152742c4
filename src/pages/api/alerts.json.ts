import type { APIRoute } from 'astro';
import { getSnapshot } from '../../site/snapshot.ts';
import { alertsJson } from '../../view/alerts.ts';

/** Models that need attention, every non-green model, and all status transitions. */
export const GET: APIRoute = async () => new Response(`${JSON.stringify(alertsJson(await getSnapshot()), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
