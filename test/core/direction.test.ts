/**
 * Better, worse or level: one rule with one tolerance (0.05% of the reference), the same for the
 * overview's arrow, `spog status`, `spog diff`'s ticks and the primary check's reason.
 */
import { describe, expect, it } from 'vitest';
import { LEVEL_WITHIN, movement, movementOfShortfall, type Direction } from '../../src/core/direction.ts';
import { pct } from '../../src/core/health.ts';

/** [value, reference, direction, expected movement] */
type Case = [number, number, Direction, 'better' | 'worse' | 'level'];

const at = (reference: number, share: number) => reference * (1 + share);

describe('better, worse or level in the metric\'s direction', () => {
  const cases: Case[] = [
    [0.83, 0.8, 'higher_is_better', 'better'],
    [0.77, 0.8, 'higher_is_better', 'worse'],
    [2.1, 2, 'lower_is_better', 'worse'],
    [1.9, 2, 'lower_is_better', 'better'],
    // Floating-point rounding is level, either way round.
    [0.8, 0.7999999999999999, 'higher_is_better', 'level'],
    [0.7999999999999999, 0.8, 'lower_is_better', 'level'],
    // Just inside the tolerance: level in both directions, above and below the reference.
    [at(0.8, 0.00049), 0.8, 'higher_is_better', 'level'],
    [at(0.8, -0.00049), 0.8, 'higher_is_better', 'level'],
    [at(2, 0.00049), 2, 'lower_is_better', 'level'],
    [at(2, -0.00049), 2, 'lower_is_better', 'level'],
    // Just past it: a change spog prints as 0.1% has a direction.
    [at(0.8, 0.00051), 0.8, 'higher_is_better', 'better'],
    [at(0.8, -0.00051), 0.8, 'higher_is_better', 'worse'],
    [at(2, 0.00051), 2, 'lower_is_better', 'worse'],
    [at(2, -0.00051), 2, 'lower_is_better', 'better'],
    // A negative reference: relative to its size, direction kept.
    [-1.01, -1, 'higher_is_better', 'worse'],
    [-0.9999, -1, 'higher_is_better', 'level'],
    // A reference of 0: in metric units, with the same tolerance.
    [0.0004, 0, 'lower_is_better', 'level'],
    [0.0006, 0, 'lower_is_better', 'worse'],
    [0.0006, 0, 'higher_is_better', 'better'],
  ];
  it.each(cases)('%d against %d (%s) is %s', (value, reference, direction, expected) => {
    const got = movement(value, reference, direction);
    expect(got, `${value} vs ${reference} (${direction}) was called ${got}, expected ${expected}`).toBe(expected);
  });

  it('calls level exactly what prints as 0.0%, and no more', () => {
    for (const share of [0, 0.0001, 0.0003, 0.000499, -0.000499, 0.0005, 0.0007, -0.0007, 0.001]) {
      const shown = pct(Math.abs(share));
      const word = movementOfShortfall(share);
      expect(word === 'level', `a shortfall of ${share} is printed ${shown} and called ${word}`).toBe(shown === '0.0%');
    }
  });

  it('states the tolerance once, as half the last digit of a printed percentage', () => {
    expect(LEVEL_WITHIN).toBe(0.0005);
    expect(movementOfShortfall(LEVEL_WITHIN), 'a shortfall of exactly the tolerance').toBe('worse');
    expect(movementOfShortfall(-LEVEL_WITHIN), 'a gain of exactly the tolerance').toBe('better');
  });

  it('refuses NaN rather than calling it level', () => {
    expect(() => movementOfShortfall(Number.NaN)).toThrow(/NaN/);
  });
});
