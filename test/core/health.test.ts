/** The one order of health, and the one list readers see it in. */
import { describe, expect, it } from 'vitest';
import { atLeast, compareHealth, HEALTH_DISPLAY_ORDER, isAlarm, worst } from '../../src/core/health.ts';
import type { Health } from '../../src/core/types.ts';

const ALL: Health[] = ['green', 'amber', 'red', 'unknown'];

describe('health order', () => {
  it('lists worst first as red, amber, unknown, green: a model that cannot be judged is never ranked as green', () => {
    expect([...ALL].sort((a, b) => compareHealth(b, a))).toEqual(['red', 'amber', 'unknown', 'green']);
    expect(worst(['green', 'unknown'])).toBe('unknown');
    expect(worst([])).toBe('green');
  });

  it('says "at or beyond" from the same order (--fail-on)', () => {
    const beyond = (level: Health) => ALL.filter((h) => atLeast(h, level)).sort();
    expect(beyond('amber'), 'at or beyond amber').toEqual(['amber', 'red']);
    expect(beyond('unknown'), 'at or beyond unknown').toEqual(['amber', 'red', 'unknown']);
    expect(beyond('green'), 'at or beyond green').toEqual(ALL.slice().sort());
  });

  it('calls amber and red alarms, and nothing else', () => {
    expect(ALL.filter(isAlarm).sort()).toEqual(['amber', 'red']);
    expect(isAlarm(null)).toBe(false);
  });

  it('shows every level once to readers, alarms first and unknown last', () => {
    expect([...HEALTH_DISPLAY_ORDER]).toEqual(['red', 'amber', 'green', 'unknown']);
    expect(new Set(HEALTH_DISPLAY_ORDER).size).toBe(ALL.length);
  });
});
