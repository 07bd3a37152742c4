import type { APIRoute } from 'astro';
import { getSnapshot } from '../../site/snapshot.ts';
import { fleetCsv } from '../../view/fleet-csv.ts';

/** The fleet as CSV, one record per model (view/fleet-csv.ts defines the columns). */
export const GET: APIRoute = async () => new Response(fleetCsv(await getSnapshot()), { headers: { 'Content-Type': 'text/csv; charset=utf-8; header=present' } });
