/**
 * The statistical terms the model page's tables use, each defined once in one sentence (issue 18),
 * and which of them a table's text uses, so that the line under the table explains exactly those.
 */

export interface Term {
  /** The term as the tables write it. */
  term: string;
  /** One sentence, for someone who is not a statistician. */
  definition: string;
}

/** Each term with the pattern that finds it in a table's text. The order is the order they are listed in. */
const TERMS: { term: string; pattern: RegExp; definition: string }[] = [
  { term: 'p-value', pattern: /\bp-value|\bp [≤<]|\bp <=/i, definition: 'how likely a difference at least this large would be by chance alone if nothing had changed; small means a real change.' },
  { term: 'adjusted', pattern: /\badjusted\b/i, definition: 'the p-value corrected for testing many features at once, so that some features do not look changed by luck.' },
  { term: 'FDR', pattern: /\bFDR\b/, definition: 'false discovery rate: with many features tested at once, at most this share of the features called changed may have been called so by chance.' },
  { term: 'KS', pattern: /\bKS\b|\bks\b|Kolmogorov/, definition: 'the Kolmogorov-Smirnov test: the largest gap between the two windows\' cumulative distributions of a numeric feature.' },
  { term: 'PSI', pattern: /\bPSI\b|\bpsi\b/, definition: 'the population stability index: how much the share of values in each bin moved between the two windows (below 0.1 little, above 0.25 a lot).' },
  { term: 'Wasserstein', pattern: /wasserstein/i, definition: 'the average distance values must move to turn one window\'s distribution into the other\'s, here divided by the reference\'s spread.' },
  { term: 'Jensen-Shannon', pattern: /jensen[- ]?shannon/i, definition: 'a distance between two distributions of categories, from 0 (the same) to 1 (nothing in common).' },
  { term: 'chi-square', pattern: /chi-?square|\bchi2/i, definition: 'a test of whether the shares of each category differ between the two windows more than chance would explain.' },
  { term: 'z-test', pattern: /z-?test/i, definition: 'a test of whether a share (of one of two categories) differs between the two windows more than chance would explain.' },
  { term: 'KL', pattern: /\bkl\b|Kullback/i, definition: 'the Kullback-Leibler divergence: how surprised one window\'s distribution is by the other\'s, 0 when they are the same.' },
  { term: 'Page-Hinkley', pattern: /page-hinkley/i, definition: 'a change detector that adds up how far each new value falls from the running mean and raises when the sum passes a limit.' },
  { term: 'ADWIN', pattern: /\bADWIN\b/i, definition: 'a change detector that keeps a window of recent values and cuts off the older part when its mean differs from the newer part\'s.' },
  { term: 'rolling mean', pattern: /rolling mean/i, definition: 'the average of the latest values in a window that moves forward day by day.' },
  { term: 'noise ±', pattern: /±|\bnoise\b/i, definition: 'how much a value can move by chance alone (half the width of its 95% bounds); a gap within it is not counted against the model.' },
  { term: 'four-fifths rule', pattern: /four-fifths|selection ratio|ratio to highest/i, definition: 'a group selected at less than 80% of the rate of the most-selected group is a sign of unfair treatment.' },
];

/** The terms `texts` use, each once, in the glossary's order. */
export function termsIn(texts: readonly string[]): Term[] {
  const all = texts.join('\n');
  return TERMS.filter((t) => t.pattern.test(all)).map(({ term, definition }) => ({ term, definition }));
}
