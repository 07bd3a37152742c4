/**
 * The audit trail's shape: who changed a model's files, when, in which commit and pull request.
 * Read from git by src/workflow/audit.ts and rendered by the views, so it lives here, where both
 * may import it.
 */
export type Area = 'card' | 'versions' | 'metrics' | 'features' | 'incidents' | 'other';

export interface AuditFile {
  /** Path relative to the registry root, e.g. "models/churn/README.md". */
  path: string;
  /** git status letter: A added, M modified, D deleted, R renamed, C copied, T type change. */
  status: string;
}

export interface AuditEntry {
  commit: string;
  short: string;
  author: string;
  email: string;
  /** Author date, ISO 8601 with offset. */
  date: string;
  subject: string;
  /** Pull (or merge) request number from "(#123)", "Merge pull request #123" or GitLab's "See merge request ...!123". */
  pr: number | null;
  merge: boolean;
  /** Which kinds of files the commit touched, in a fixed order. */
  areas: Area[];
  files: AuditFile[];
}

export interface AuditTrail {
  /** False when no history could be read; `reason` says why. */
  available: boolean;
  /** Why history is unavailable or may be incomplete (shallow clone); absent when complete. */
  reason?: string;
  shallow: boolean;
  /** Newest first. */
  entries: AuditEntry[];
}

export interface AuditTrails {
  available: boolean;
  reason?: string;
  shallow: boolean;
  /** Model id -> entries, newest first (models with no history are absent). */
  byModel: Map<string, AuditEntry[]>;
}
