// The layering of src/ (README → Architecture → Layering), checked with dependency-cruiser against .dependency-cruiser.cjs.
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cruise, type ICruiseResult, type IForbiddenRuleType } from 'dependency-cruiser';

const root = path.resolve(__dirname, '..');
const config = createRequire(__filename)('../.dependency-cruiser.cjs') as { forbidden: IForbiddenRuleType[]; options: Record<string, unknown> };

describe('architecture', () => {
  it('every import in src/ follows the layering', async () => {
    const previous = process.cwd();
    process.chdir(root); // dependency-cruiser reports and matches paths relative to the working directory
    let result: ICruiseResult;
    try {
      const { output } = await cruise(['src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } });
      result = output as ICruiseResult;
    } finally {
      process.chdir(previous);
    }
    const violations = result.summary.violations.map((v) =>
      v.cycle?.length ? `${v.rule.name}: ${v.from} → ${v.cycle.map((c) => c.name).join(' → ')}` : `${v.rule.name}: ${v.from} → ${v.to}`,
    );
    const byRule = new Map<string, number>();
    for (const v of result.summary.violations) byRule.set(v.rule.name, (byRule.get(v.rule.name) ?? 0) + 1);
    const heading = [...byRule].map(([rule, count]) => `${rule}: ${count}`).join(', ');
    expect(violations, `${violations.length} imports against the layering (${heading}):\n${violations.join('\n')}`).toEqual([]);
  }, 120_000);
});
