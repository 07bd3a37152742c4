/// <reference types="astro/client" />
import type { APIRoute } from 'astro';
import { atomFeed } from '../site/feed.ts';
import { getSite, getSnapshot } from '../site/snapshot.ts';

/** Atom feed of status transitions. */
export const GET: APIRoute = async ({ site }) => {
  const root = new URL(import.meta.env.BASE_URL, site ?? 'https://example.org').href;
  return new Response(atomFeed(await getSnapshot(), root, getSite().feedId), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
};
