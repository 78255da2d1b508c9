import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allRuleMetas, findRuleMeta } from '../rules/index.js';
import { SARIF_MAX_TAGS, sarifTags } from './sarif.js';

describe('sarifTags', () => {
  it('security, the scope and each CIS item when they fit', () => {
    const m = findRuleMeta('BW1001');
    assert.ok(m);
    assert.deepEqual(sarifTags(m), ['security', 'runtime', 'CIS-5.5']);
  });

  it('never more than GitHub keeps (10; over 20 rejects the upload): the rest of the CIS items are in properties.cis', () => {
    const many = findRuleMeta('BW5001');
    assert.ok(many);
    assert.ok((many.references.cis?.items.length ?? 0) > SARIF_MAX_TAGS, 'a rule with more CIS items than tags');
    const items = many.references.cis?.items ?? [];
    assert.deepEqual(sarifTags(many), ['security', 'host', ...items.slice(0, 7).map((i) => `CIS-${i}`), 'CIS']);
    for (const meta of allRuleMetas()) assert.ok(sarifTags(meta).length <= SARIF_MAX_TAGS, meta.id);
  });
});
