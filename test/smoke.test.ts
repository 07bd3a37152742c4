import { describe, it, expect } from 'vitest';
describe('toolchain', () => { it('runs on node 24', () => { expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22); }); });
