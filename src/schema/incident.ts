/**
 * Schema of `models/<id>/incidents/<YYYY-MM-DD>-<n>.yaml`: an owner's acknowledgement of a
 * problem ("we know, we are retraining, until Friday") and, later, its resolution. Written by
 * `spog ack` and `spog resolve`; the history is git's. An acknowledgement never changes health.
 */
import { z } from 'zod';
import { IsoDate, isoToMs, isValidIsoDate } from './common.ts';

export const INCIDENT_STATUSES = ['acknowledged', 'resolved'] as const;

/** The file name of an incident: the day it was opened and a number within that day. */
export const INCIDENT_FILE_RE = /^(\d{4}-\d{2}-\d{2})-([1-9]\d{0,3})\.yaml$/;

const HEALTHS = ['green', 'amber', 'red', 'unknown'] as const;

export const IncidentHealthSchema = z
  .strictObject({
    as_of: IsoDate.describe('The evaluation day the health was computed for, e.g. "2026-10-29".'),
    status: z.enum(HEALTHS).describe('The model health then: green, amber, red or unknown, e.g. red.'),
    reasons: z.array(z.string()).default([]).describe('The reasons spog gave, worst first, e.g. ["auc 0.61 is 18.7% worse than expected 0.75"].'),
  })
  .describe('The model health when the problem was acknowledged, as spog computed it (a record: it is never re-evaluated).');

/** Day of an IsoDate ("2026-10-29T09:00:00Z" -> "2026-10-29"), in UTC; "" when it is not one (its own issue says so). */
const dayOf = (s: string) => (isValidIsoDate(s) ? new Date(isoToMs(s)).toISOString().slice(0, 10) : '');

export const IncidentSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    status: z.enum(INCIDENT_STATUSES).describe('acknowledged: someone is acting on it (open); resolved: closed, e.g. acknowledged.'),
    opened: IsoDate.describe('When the problem was acknowledged, e.g. "2026-10-29" or "2026-10-29T09:12:00Z".'),
    by: z.string().min(1).describe('Who acknowledged it, e.g. "@maria" or "maria@example.org".'),
    note: z.string().min(1).describe('What is being done about it, e.g. "retraining on October data; v4 expected Friday".'),
    until: IsoDate.optional().describe('The day by which the owners expect it fixed; after it the acknowledgement shows as expired, e.g. "2026-11-06".'),
    updated: IsoDate.optional().describe('When the acknowledgement was last changed (a second spog ack), e.g. "2026-10-31".'),
    updated_by: z.string().min(1).optional().describe('Who changed it last, e.g. "@maria".'),
    health: IncidentHealthSchema.optional(),
    resolved: IsoDate.optional().describe('When it was resolved (required when status is resolved), e.g. "2026-11-04".'),
    resolution: z.string().min(1).optional().describe('How it was resolved, e.g. "v4 promoted; AUC back at 0.74".'),
  })
  .superRefine((x, ctx) => {
    if (x.status === 'resolved' && x.resolved === undefined) {
      ctx.addIssue({ code: 'custom', path: ['resolved'], message: 'a resolved incident needs the day it was resolved, e.g. resolved: "2026-11-04"' });
    }
    if (x.status === 'acknowledged' && x.resolved !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['resolved'], message: 'an acknowledged (open) incident has no resolved date: set status: resolved, or remove resolved' });
    }
    const opened = dayOf(x.opened);
    if (opened && x.until !== undefined && dayOf(x.until) && dayOf(x.until) < opened) {
      ctx.addIssue({ code: 'custom', path: ['until'], message: `until (${x.until}) is before the day it was opened (${opened}), e.g. until: "${opened}"` });
    }
    if (opened && x.resolved !== undefined && dayOf(x.resolved) && dayOf(x.resolved) < opened) {
      ctx.addIssue({ code: 'custom', path: ['resolved'], message: `resolved (${x.resolved}) is before the day it was opened (${opened})` });
    }
  })
  .describe('An acknowledged problem of a model and its resolution (models/<id>/incidents/<YYYY-MM-DD>-<n>.yaml).');

export type Incident = z.output<typeof IncidentSchema>;
