import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDaemonJson } from './daemon-json.js';

function problems(text: string): string[] {
  return parseDaemonJson(text, 'daemon.json').diagnostics.map((d) => `${d.severity} ${d.at.line}:${d.at.column} ${d.message}`);
}

describe('parseDaemonJson', () => {
  it('accepts the documented keys, flag names used as keys, features and builder', () => {
    assert.deepEqual(problems('{ "label": ["a=b"], "features": {"buildkit": true}, "builder": {"gc": {"enabled": true}}, "hosts": [] }'), []);
  });

  it('locates comments, trailing commas and unknown keys', () => {
    assert.deepEqual(problems('{\n  /* note */ "icc": false,\n  "iptable": true,\n}'), [
      'error 2:3 dockerd refuses this daemon.json: comments are not JSON (remove the comment).',
      'error 3:18 dockerd refuses this daemon.json: a trailing comma before a closing bracket is not JSON.',
      'error 3:3 dockerd refuses this daemon.json: "iptable" is not a configuration option of dockerd 20.10.',
    ]);
  });

  it('a key added after 20.10 is a located warning naming its release, not an input error', () => {
    assert.deepEqual(problems('{"cdi-spec-dirs": ["/etc/cdi"]}'), [
      'warning 1:2 "cdi-spec-dirs" was added in Docker Engine 25.0; dockerd 20.10 and older refuse it.',
    ]);
    assert.deepEqual(problems('{ "ip-forward-no-drop": true }'), [
      'warning 1:3 "ip-forward-no-drop" was added in Docker Engine 28.0; dockerd 20.10 and older refuse it.',
    ]);
    assert.deepEqual(problems('{ "allow-direct-routing": true }'), [
      'warning 1:3 "allow-direct-routing" was added in Docker Engine 28.2; dockerd 20.10 and older refuse it.',
    ]);
    assert.deepEqual(problems('{ "log-format": "json" }'), ['warning 1:3 "log-format" was added in Docker Engine 25.0; dockerd 20.10 and older refuse it.']);
    assert.deepEqual(problems('{"proxies": {"http-proxy": "http://p:3128", "no-proxy": "localhost"}}'), [
      'warning 1:2 "proxies" was added in Docker Engine 23.0; dockerd 20.10 and older refuse it.',
    ]);
    // 20.10 flattens the object and knows "bridge": it ignores the key rather than refusing it
    assert.deepEqual(problems('{"default-network-opts": {"bridge": {"com.docker.network.driver.mtu": "1400"}}}'), [
      'warning 1:2 "default-network-opts" was added in Docker Engine 24.0; dockerd 20.10 and older ignore it.',
    ]);
  });

  it('judges the value of a newer key as the release that added it reads it', () => {
    const r = parseDaemonJson('{"ip-forward-no-drop": true, "log-format": "json"}', 'd');
    assert.equal(r.entries.get('ip-forward-no-drop')?.value, true);
    assert.equal(r.entries.get('log-format')?.value, 'json');
    assert.deepEqual(problems('{"ip-forward-no-drop": "yes"}'), [
      'warning 1:2 "ip-forward-no-drop" was added in Docker Engine 28.0; dockerd 20.10 and older refuse it.',
      'error 1:24 dockerd refuses this daemon.json: "ip-forward-no-drop" must be a boolean (true or false), not the string "yes" (Docker Engine 28.0 and later).',
    ]);
    assert.deepEqual(problems('{"proxies": {"http-proxy": 3128, "ftp-proxy": "x"}}'), [
      'warning 1:2 "proxies" was added in Docker Engine 23.0; dockerd 20.10 and older refuse it.',
      'error 1:28 dockerd refuses this daemon.json: "proxies.http-proxy" must be a string, not the number 3128.',
      'error 1:34 dockerd refuses this daemon.json: "proxies" accepts only "http-proxy", "https-proxy", "no-proxy"; "ftp-proxy" is not one.',
    ]);
    assert.deepEqual(problems('{"features": {"containerd-snapshotter": true, "buildkit": true}}'), [
      'warning 1:15 the feature "containerd-snapshotter" was added in Docker Engine 24.0; dockerd 20.10 and older ignore it.',
    ]);
  });

  it('keys unknown to every release stay errors', () => {
    assert.deepEqual(problems('{"log-formatt": "json"}'), [
      'error 1:2 dockerd refuses this daemon.json: "log-formatt" is not a configuration option of dockerd 20.10.',
    ]);
  });

  it('flattens nested objects as dockerd does: keys inside are checked as top-level keys, the object itself is ignored', () => {
    assert.deepEqual(problems('{"extra": {"icc": false, "colour": "blue"}}'), [
      'error 1:26 dockerd refuses this daemon.json: dockerd reads the keys inside "extra" as top-level options, and "colour" is not one.',
    ]);
    assert.deepEqual(problems('{"log-opt": {"max-size": "1m"}}'), [
      'error 1:14 dockerd refuses this daemon.json: dockerd reads the keys inside "log-opt" as top-level options, and "max-size" is not one.',
    ]);
    const r = parseDaemonJson('{"extra": {"icc": false}}', 'd');
    assert.equal(r.entries.get('icc'), undefined);
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.message}`),
      ['warning dockerd ignores "extra": it is not a configuration option (dockerd only reads the keys inside it as top-level options).'],
    );
  });

  it('checks JSON types, accepting null everywhere', () => {
    assert.deepEqual(problems('{"icc": null, "mtu": 1500, "labels": ["a=b"]}'), []);
    assert.deepEqual(problems('{"mtu": 1500.5, "hosts": "unix:///s", "default-ulimits": {"nofile": {"Name": "nofile", "Hard": "1", "Soft": 1}}}'), [
      'error 1:9 dockerd refuses this daemon.json: "mtu" must be an integer, not the number 1500.5.',
      'error 1:26 dockerd refuses this daemon.json: "hosts" must be a list of strings, not the string "unix:///s".',
      'error 1:58 dockerd refuses this daemon.json: "default-ulimits" must be ulimit "nofile": hard must be an integer, not the string "1".',
    ]);
  });

  it('keeps the last of a key given twice, with a warning at the first', () => {
    const r = parseDaemonJson('{\n  "debug": true,\n  "debug": false\n}', 'd');
    assert.equal(r.entries.get('debug')?.value, false);
    assert.deepEqual(
      r.diagnostics.map((d) => `${d.severity} ${d.at.line}:${d.at.column}`),
      ['warning 2:3'],
    );
  });

  it('refuses a top level that is not an object; accepts an empty file', () => {
    assert.deepEqual(problems('[1]'), ['error 1:1 dockerd refuses this daemon.json: the top level must be a JSON object, not a list.']);
    assert.deepEqual(problems(''), []);
  });
});
