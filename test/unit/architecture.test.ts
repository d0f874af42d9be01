// The layering of src/ (README → Architecture → Layering), checked with dependency-cruiser against .dependency-cruiser.cjs.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

const root = path.resolve(__dirname, '../..');
const config = createRequire(__filename)('../../.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[]; options: Record<string, unknown> };

describe('architecture', () => {
  it('every import in src/ follows the layering', async () => {
    // Paths are reported and matched relative to the project root (`src/…`).
    const { output } = await cruise(['src'], { ...config.options, baseDir: root, validate: true, ruleSet: { forbidden: config.forbidden } });
    const result = output as ICruiseResult;
    const show = (v: (typeof result.summary.violations)[number]): string =>
      v.cycle?.length ? `${v.from} → ${v.cycle.map((c) => c.name).join(' → ')}` : `${v.from} → ${v.to}`;
    const violations = result.summary.violations.map((v) => `${v.rule.name}: ${show(v)}`);
    // The list, one block per rule headed by its reason (the rule's comment in .dependency-cruiser.cjs).
    const blocks = config.forbidden
      .map((rule) => ({ rule, lines: result.summary.violations.filter((v) => v.rule.name === rule.name).map(show) }))
      .filter(({ lines }) => lines.length > 0)
      .map(({ rule, lines }) => `${rule.name} (${lines.length}): ${rule.comment}\n  ${lines.join('\n  ')}`);
    expect(violations, `${violations.length} imports against the layering:\n${blocks.join('\n')}`).toEqual([]);
  }, 120_000);
});
