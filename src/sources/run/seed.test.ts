import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkContainer } from '../../check/index.js';
import { RUNTIME_RULES } from '../../rules/index.js';
import { scanRunCommand, scanRunFileAsync } from './index.js';

/** The seed's §11.1 "docker run durci", exactly as the chapter prints it (with its `<digest>` placeholder). */
const SEED_11_1 = `docker run -d --name api \\
  --cpus=1.0 --memory=512m --pids-limit=256 \\
  --read-only --tmpfs /run --tmpfs /tmp \\
  --cap-drop=ALL --cap-add=NET_BIND_SERVICE \\
  --security-opt no-new-privileges:true \\
  --security-opt seccomp=/etc/docker/seccomp-restrict.json \\
  -u 10001:10001 \\
  --network backend \\
  ghcr.io/acme/api@sha256:<digest>`;

/**
 * The same command completed with what the chapter asks elsewhere: a real digest (§8.4), a health check (§8.4,
 * §11.2), a bounded restart policy (§14, CIS 5.15) and log rotation (§2.4).
 */
const COMPLETED = `docker run -d --name api \\
  --cpus=1.0 --memory=512m --pids-limit=256 \\
  --read-only --tmpfs /run --tmpfs /tmp \\
  --cap-drop=ALL --cap-add=NET_BIND_SERVICE \\
  --security-opt no-new-privileges:true \\
  --security-opt seccomp=/etc/docker/seccomp-restrict.json \\
  -u 10001:10001 \\
  --network backend \\
  --health-cmd 'curl -fsS http://localhost:8080/health || exit 1' --health-interval 30s --health-timeout 5s --health-retries 3 \\
  --restart on-failure:5 \\
  --log-driver json-file --log-opt max-size=10m --log-opt max-file=3 \\
  ghcr.io/acme/api@sha256:3f1c5e2a9b7d4c6e8f0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a`;

function findings(text: string): string[] {
  const r = scanRunCommand(text, '<seed>');
  assert.deepEqual(r.diagnostics, []);
  assert.equal(r.specs.length, 1);
  return r.specs.flatMap((s) => checkContainer(RUNTIME_RULES, s)).map((f) => `${f.ruleId} ${f.status} ${f.location.line}:${f.location.column}`);
}

describe('seed §11.1 docker run', () => {
  it('completed with a digest, health check, bounded restart policy and log rotation, scans clean', () => {
    assert.deepEqual(findings(COMPLETED), []);
  });

  it('exactly as printed, gets exactly the findings for what it lacks', () => {
    assert.deepEqual(findings(SEED_11_1), [
      'BW1025 unknown 9:3', // the image is a placeholder: neither tag nor digest can be judged
      'BW1027 unknown 1:1', // no health check (the image may define one)
      'BW1028 violation 1:1', // no restart policy
      'BW1029 unknown 1:1', // no log rotation (the daemon's default decides)
    ]);
  });

  it('gets the same findings from a Markdown bash block holding it', async () => {
    const md = `# Deploy\n\nRun it:\n\n\`\`\`bash\n${SEED_11_1}\n\`\`\`\n`;
    const r = await scanRunFileAsync('README.md', md, 'README.md');
    assert.deepEqual(r?.diagnostics, []);
    const got = (r?.specs ?? []).flatMap((s) => checkContainer(RUNTIME_RULES, s)).map((f) => `${f.ruleId} ${f.location.line}:${f.location.column}`);
    assert.deepEqual(got, ['BW1025 14:3', 'BW1027 6:1', 'BW1028 6:1', 'BW1029 6:1']);
  });
});
