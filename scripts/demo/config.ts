/** The demo's spog.yaml, as the generator writes it and as the engine reads it. */
import { FORMAT_VERSION } from '../../src/schema/config.ts';
import { configOf } from './check.ts';
import { AS_OF } from './time.ts';
import type { ConfigIn } from './types.ts';

export const CONFIG: ConfigIn = {
  format_version: FORMAT_VERSION,
  title: 'Example ML fleet (demo)',
  description: 'Eighteen models of four teams, trained and monitored on real public data (and, where marked, synthetic data).',
  as_of: AS_OF,
  // The demo's own address (a reserved example domain): CI publishing it elsewhere sets SPOG_SITE
  // and SPOG_BASE, which override it. The id keeps feed entries the same wherever it is published.
  site: { url: 'https://spog-demo.example.org', id: 'spog-demo' },
  defaults: {
    thresholds: { mode: 'relative', amber: 0.05, red: 0.1 },
    staleness: { amber_days: 3, red_days: 7 },
    drift: { method: 'auto', share: 0.5, window_days: 7 },
    fairness: { max_gap: 0.05, min_selection_ratio: 0.8 },
    min_points: 5,
    rolling_window: 10,
  },
  teams: [
    { id: 'weather-science', name: 'Weather Science', contact: '#wx-ml', description: 'Temperature, rain and conditions forecasts for roads, energy, parks and storm water.' },
    { id: 'airport-ops', name: 'Airport Operations Analytics', contact: '#airops-ml', description: 'Departure delay models for the operations control centre and crew scheduling.' },
    { id: 'sports-analytics', name: 'Sports Analytics', contact: 'sports-data@example.org', description: 'Match models for the fan app and media partners.' },
    { id: 'credit-risk', name: 'Credit Risk Modelling', contact: 'risk-models@example.org', description: 'Default, fraud and affordability models (regulated).' },
  ],
};

/** CONFIG as the engine reads it (defaults filled in). */
export const ENGINE_CONFIG = configOf(CONFIG);
