import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { quoteValue } from './mask.js';
import { hasPrivateKeyBegin, PRIVATE_KEY_BLOCK, privateKeyBlocks, secretShape } from './secret-shape.js';

/** A block of `label`, with a made-up body (not a key). */
const block = (label: string, body = 'MHcCAQEEIG5vdCBhIHJlYWwga2V5IGF0IGFsbA==') => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----`;

/** Every kind of private key label the three readers knew between them, and that the one reader now knows. */
const LABELS = ['PRIVATE KEY', 'RSA PRIVATE KEY', 'DSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'PGP PRIVATE KEY BLOCK'];

describe('private keys: one reader for the BEGIN line, the whole block and the value shape', () => {
  for (const label of LABELS) {
    it(`${label}: a block, a BEGIN line and a private-key shape`, () => {
      const text = `# key\n${block(label)}\n`;
      assert.deepEqual(privateKeyBlocks(text), [{ index: 6, block: block(label) }]);
      assert.equal(PRIVATE_KEY_BLOCK.test(text), true);
      assert.equal(hasPrivateKeyBegin(text), true);
      assert.equal(secretShape(block(label))?.kind, 'private-key');
    });
  }

  it('the value shape now knows the PGP armor label and labels with digits, which it used to miss', () => {
    // Before: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ (one word of letters, no BLOCK).
    assert.equal(secretShape('-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBGRg\n-----END PGP PRIVATE KEY BLOCK-----')?.kind, 'private-key');
    assert.equal(secretShape('-----BEGIN ED25519 PRIVATE KEY-----')?.kind, 'private-key');
    assert.equal(secretShape('-----BEGIN SSH2 ENCRYPTED PRIVATE KEY-----')?.kind, 'private-key');
    assert.equal(quoteValue(block('PGP PRIVATE KEY BLOCK', 'lQOYBGRg')), '"----...(82 chars)" (a PEM private key)');
  });

  it('an encrypted key counts: PKCS#8 ENCRYPTED and a traditional key with Proc-Type and DEK-Info headers', () => {
    const legacy = block('RSA PRIVATE KEY', 'Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17F5316E2BAC89\n\nMIIEpAIBAAKCAQEA');
    assert.equal(privateKeyBlocks(legacy).length, 1);
    assert.equal(privateKeyBlocks(block('ENCRYPTED PRIVATE KEY')).length, 1);
  });

  it('a PGP block with an armor header and a blank line, indented with tabs as in a <<- heredoc', () => {
    const text = '\t-----BEGIN PGP PRIVATE KEY BLOCK-----\n\tVersion: GnuPG v2\n\n\tlQOYBGRg\n\t=AbCd\n\t-----END PGP PRIVATE KEY BLOCK-----\n';
    assert.deepEqual(privateKeyBlocks(text), [{ index: 1, block: text.trim() }]);
  });

  it('public keys, certificates and look-alikes are not private keys', () => {
    for (const label of ['PUBLIC KEY', 'RSA PUBLIC KEY', 'PGP PUBLIC KEY BLOCK', 'CERTIFICATE', 'OPENSSH PUBLIC KEY']) {
      assert.deepEqual(privateKeyBlocks(block(label)), [], label);
      assert.equal(hasPrivateKeyBegin(block(label)), false, label);
      assert.equal(secretShape(block(label))?.kind === 'private-key', false, label);
    }
    assert.equal(hasPrivateKeyBegin('-----BEGIN rsa private key-----'), false);
  });

  it('a BEGIN line alone is no block; the END line must have the same label; blocks start a line', () => {
    assert.deepEqual(privateKeyBlocks('grep -q -- "-----BEGIN OPENSSH PRIVATE KEY-----" key'), []);
    assert.equal(hasPrivateKeyBegin('grep -q -- "-----BEGIN OPENSSH PRIVATE KEY-----" key'), true);
    assert.deepEqual(privateKeyBlocks('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END EC PRIVATE KEY-----'), []);
    assert.deepEqual(privateKeyBlocks(`echo ${block('EC PRIVATE KEY')}`), []);
  });

  it('finds every block of a text, in order, and keeps no state between calls', () => {
    const text = `${block('EC PRIVATE KEY')}\n\n${block('OPENSSH PRIVATE KEY')}\n`;
    const second = block('EC PRIVATE KEY').length + 2;
    const found = privateKeyBlocks(text).map((b) => b.index);
    assert.deepEqual(found, [0, second]);
    assert.deepEqual(
      privateKeyBlocks(text).map((b) => b.index),
      found,
    );
    assert.equal(PRIVATE_KEY_BLOCK.test(text), true);
    assert.equal(PRIVATE_KEY_BLOCK.test(text), true);
  });
});

describe('URL credentials', () => {
  it('a password with a user, or with an empty user (redis://:PASSWORD@host), is a URL with a password', () => {
    for (const v of ['postgres://app:hunter2@db/app', 'redis://:hunter2hunter2@redis:6379', 'a://:c@h'])
      assert.equal(secretShape(v)?.kind, 'url-credentials', v);
  });
  it('placeholders and variables are not: ${VAR}, ***, password, <...>; nor a URL without a password', () => {
    for (const v of [
      'redis://:${REDIS_PW}@redis',
      'redis://:***@redis',
      'redis://:password@redis',
      'redis://:<pw>@redis',
      'redis://redis:6379',
      'https://x@y.z',
    ])
      assert.equal(secretShape(v), undefined, v);
  });
});

describe('Anthropic API keys and Hugging Face tokens', () => {
  const ANTHROPIC = 'sk-ant-api03-pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa-2o76umfXfKm-r5kJP1VrT_1FJors-6ILi8IHn5kxsC7tVO-HbkQfyAA';
  const HF = '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';
  it('a key or token of the published shape, alone or in a text, is one', () => {
    for (const [v, kind] of [
      [ANTHROPIC, 'anthropic-key'],
      [`x-api-key: ${ANTHROPIC}`, 'anthropic-key'],
      ['sk-ant-admin01-pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa-2o76umfXfKm-r5kJP1VrT_1FJors-6ILi8IHn5kx', 'anthropic-key'],
      [HF, 'huggingface-token'],
      [`HF_TOKEN=${HF}`, 'huggingface-token'],
      [`${HF}Xy12`, 'huggingface-token'],
    ])
      assert.equal(secretShape(v as string)?.kind, kind, v);
  });
  it('masked where a message quotes one', () => {
    assert.equal(quoteValue(ANTHROPIC), '"sk-a...(108 chars)" (an Anthropic API key)');
    assert.equal(quoteValue(HF), '"hf_Z...(37 chars)" (a Hugging Face token)');
  });
  it('package names, placeholders, one-case words and keys cut short are not', () => {
    for (const v of [
      'hf_transfer',
      'hf_hub_download',
      'hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'hf_abcdefghijklmnopqrstuvwxyzabcdefghij',
      'hf_ZfFKcZjRIbjRtaWrYOJFLJOqOAflLQSA',
      'my_hf_ZfFKcZjRIbjRtaWrYOJFLJOqOAflLQSAJa',
      'sk-ant-...',
      'sk-ant-api03-your-key-here',
      'sk-ant-api03-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
      'sk-ant-api03-pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa',
      'task-ant-api03-pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa-2o76umfXfKm-r5kJP1VrT_1FJors-6ILi8IHn5kxsC7tVO',
    ])
      assert.equal(secretShape(v)?.kind === 'anthropic-key' || secretShape(v)?.kind === 'huggingface-token', false, v);
  });
});
