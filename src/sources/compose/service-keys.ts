import { editDistance } from '../../model/index.js';

/**
 * The keys of a compose service, as the compose-spec JSON schema defines them (compose-go schema/compose-spec.json,
 * `definitions.service.properties`, with `additionalProperties: false` and `x-` extensions allowed). compose
 * refuses any other key; Bulwark warns, since an older compose may have known a key the spec has since dropped.
 */
export const SERVICE_KEYS: ReadonlySet<string> = new Set([
  'annotations',
  'attach',
  'blkio_config',
  'build',
  'cap_add',
  'cap_drop',
  'cgroup',
  'cgroup_parent',
  'command',
  'configs',
  'container_name',
  'cpu_count',
  'cpu_percent',
  'cpu_period',
  'cpu_quota',
  'cpu_rt_period',
  'cpu_rt_runtime',
  'cpu_shares',
  'cpus',
  'cpuset',
  'credential_spec',
  'depends_on',
  'deploy',
  'develop',
  'device_cgroup_rules',
  'devices',
  'dns',
  'dns_opt',
  'dns_search',
  'domainname',
  'entrypoint',
  'env_file',
  'environment',
  'expose',
  'extends',
  'external_links',
  'extra_hosts',
  'gpus',
  'group_add',
  'healthcheck',
  'hostname',
  'image',
  'init',
  'ipc',
  'isolation',
  'label_file',
  'labels',
  'links',
  'logging',
  'mac_address',
  'mem_limit',
  'mem_reservation',
  'mem_swappiness',
  'memswap_limit',
  'models',
  'network_mode',
  'networks',
  'oom_kill_disable',
  'oom_score_adj',
  'pid',
  'pids_limit',
  'platform',
  'ports',
  'post_start',
  'pre_stop',
  'privileged',
  'profiles',
  'provider',
  'pull_policy',
  'pull_refresh_after',
  'read_only',
  'restart',
  'runtime',
  'scale',
  'secrets',
  'security_opt',
  'shm_size',
  'stdin_open',
  'stop_grace_period',
  'stop_signal',
  'storage_opt',
  'sysctls',
  'tmpfs',
  'tty',
  'ulimits',
  'use_api_socket',
  'user',
  'userns_mode',
  'uts',
  'volumes',
  'volumes_from',
  'working_dir',
]);

/**
 * The keys of a service's `deploy` and of the parts of it Bulwark reads, as the compose-spec JSON schema defines
 * them (compose-go schema/compose-spec.json: `definitions.deployment`, its `resources` with `limits` and
 * `reservations`, and `restart_policy`; each with `additionalProperties: false`, `x-` extensions allowed). A key
 * outside them is not read: `deploy: {resource: {limits: ...}}` sets no limit, and compose refuses the file.
 */
export const DEPLOY_KEYS: Readonly<Record<'deploy' | 'resources' | 'limits' | 'reservations' | 'restart_policy', ReadonlySet<string>>> = {
  deploy: new Set(['endpoint_mode', 'labels', 'mode', 'placement', 'replicas', 'resources', 'restart_policy', 'rollback_config', 'update_config']),
  resources: new Set(['limits', 'reservations']),
  limits: new Set(['cpus', 'memory', 'pids']),
  reservations: new Set(['cpus', 'devices', 'generic_resources', 'memory']),
  restart_policy: new Set(['condition', 'delay', 'max_attempts', 'window']),
};

/** The key of `keys` closest to `name` (at most two edits away, or the same letters in another case), if any. */
export function closestKey(name: string, keys: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const key of keys) {
    const d = key === lower ? 0 : editDistance(lower, key, bestDistance);
    if (d < bestDistance) {
      best = key;
      bestDistance = d;
    }
  }
  return best;
}
