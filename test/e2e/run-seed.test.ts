import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { CLI } from '../helpers/cli.js';

// The seed chapter's §11.1 "docker run durci" through the built CLI (dist/bulwark.js).
const BIN = CLI;

function bulwark(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonReport {
  findings: { ruleId: string; status: string; location: { source: string; line: number; column: number } }[];
  errors: unknown[];
  summary: { subjects: number };
}

/** The seed's §11.1 command exactly as the chapter prints it (with its `<digest>` placeholder). */
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
 * §11.2), a bounded restart policy (§14, CIS 5.15: on-failure:5) and log rotation (§2.4).
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

const brief = (r: JsonReport) => r.findings.map((f) => `${f.ruleId} ${f.status} ${f.location.line}:${f.location.column}`);

const tmp = mkdtempSync(join(tmpdir(), 'bulwark-seed-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

describe('seed §11.1 docker run (built CLI)', () => {
  it('completed with a digest, a health check, on-failure:5 and log rotation, scans clean (exit 0)', () => {
    const r = bulwark(['scan', '--command', COMPLETED, '--format', 'json', '--fail-on', 'info']);
    assert.equal(r.code, 0, r.stdout);
    const report = JSON.parse(r.stdout) as JsonReport;
    assert.deepEqual([report.errors, brief(report), report.summary.subjects], [[], [], 1]);
  });

  it('exactly as printed, gets exactly the findings for what it lacks', () => {
    const report = JSON.parse(bulwark(['scan', '--command', SEED_11_1, '--format', 'json']).stdout) as JsonReport;
    assert.deepEqual(report.errors, []);
    assert.deepEqual(brief(report), [
      'BW1027 unknown 1:1', // no health check (the image may define one)
      'BW1028 violation 1:1', // no restart policy
      'BW1029 unknown 1:1', // no log rotation: the daemon's default decides
      'BW1025 unknown 9:3', // the image is a placeholder: neither its tag nor its digest can be judged
    ]);
  });

  it('gets the same findings from a README bash block holding it', () => {
    const file = join(tmp, 'README.md');
    writeFileSync(file, `# Deploy\n\nRun it:\n\n\`\`\`bash\n${SEED_11_1}\n\`\`\`\n`);
    const report = JSON.parse(bulwark(['scan', file, '--format', 'json']).stdout) as JsonReport;
    assert.deepEqual(report.errors, []);
    assert.deepEqual(brief(report), ['BW1027 unknown 6:1', 'BW1028 violation 6:1', 'BW1029 unknown 6:1', 'BW1025 unknown 14:3']);
  });
});
