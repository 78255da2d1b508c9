import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mdRuleText } from './markdown.js';

describe('mdRuleText', () => {
  it('keeps code spans as written: an entity there would show as &lt; on the page', () => {
    assert.equal(mdRuleText('Append it: `app:1.4@sha256:<digest>` (`a > b`).'), 'Append it: `app:1.4@sha256:<digest>` (`a > b`).');
  });

  it('escapes < and > outside code spans (no autolink, no HTML tag), also after an unclosed backtick', () => {
    assert.equal(mdRuleText('its CA in /etc/docker/certs.d/<host:port>/ca.crt.'), 'its CA in /etc/docker/certs.d/&lt;host:port&gt;/ca.crt.');
    assert.equal(mdRuleText('`a<b` then <c> and `d<'), '`a<b` then &lt;c&gt; and `d&lt;');
  });

  it('joins lines for a list item, keeps them for a SARIF help text', () => {
    assert.equal(mdRuleText('one\ntwo <x>'), 'one two &lt;x&gt;');
    assert.equal(mdRuleText('one\ntwo', false), 'one\ntwo');
  });
});
