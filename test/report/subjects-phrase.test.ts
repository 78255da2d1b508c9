import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { subjectsPhrase } from '../../src/report/text.js';

describe('subjectsPhrase (text and Markdown summaries)', () => {
  it('counts one subject in the singular, others in the plural; checks and rules are run', () => {
    assert.equal(subjectsPhrase(1, 'subjects'), '1 subject checked');
    assert.equal(subjectsPhrase(0, 'subjects'), '0 subjects checked');
    assert.equal(subjectsPhrase(2, 'subjects'), '2 subjects checked');
    assert.equal(subjectsPhrase(1, 'host checks'), '1 host check run');
    assert.equal(subjectsPhrase(1, 'subjects (containers and host checks)'), '1 subjects (containers and host checks) checked');
  });
});
