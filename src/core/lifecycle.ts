/** Lifecycles whose models should be sending production data: silence from them is a problem. */
export const REPORTING_LIFECYCLES: ReadonlySet<string> = new Set(['production', 'retraining', 'staging']);
