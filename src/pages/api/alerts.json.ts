import type { APIRoute } from 'astro';
import { getSnapshot } from '../../site/snapshot.ts';
import { alertsJson } from '../../view/alerts.ts';

/** Models that need attention, every non-green model, and all status transitions. */
export const GET: APIRoute = () => new Response(`${JSON.stringify(alertsJson(getSnapshot()), null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
