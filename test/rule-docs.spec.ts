import { readCommittedRuleBook, renderRuleBook } from '../scripts/rule-docs';
import { RULES } from '../src/deadlines/rules';

/** docs/rules.md is generated from the rule tables in code: it cannot drift from what the tracker computes. */
describe('the rule book in docs/', () => {
  it('should equal what the rule tables give (else run `npm run docs:rules`)', async () => {
    expect(await readCommittedRuleBook()).toBe(renderRuleBook());
  });

  it('should list every rule id with its source', () => {
    const book = renderRuleBook();
    for (const rule of Object.values(RULES)) {
      expect(book).toContain(`\`${rule.id}\``);
    }
    expect(book).toContain('ICH E2C(R2) §2.8.3');
  });
});
