import { dirname, resolve } from 'node:path';
import {
  type BuildArg,
  type CommandArg,
  type CommandLine,
  type ContainerSpec,
  capabilityRefused,
  cfsQuotaLimit,
  type DeviceMapping,
  type DeviceRequest,
  type Diagnostic,
  type EnvVar,
  emptyContainerSpec,
  type Healthcheck,
  type ImageRef,
  type InterpolatedValue,
  ipVersion,
  isInt64,
  isUnknown,
  type Label,
  LineIndex,
  type Location,
  type LogConfig,
  localBindDevice,
  locationWithin,
  type Mount,
  normalizeCapability,
  type PortBinding,
  parseBytes,
  parseCpus,
  parseDeviceCgroupRule,
  parseDuration,
  parseImageRef,
  parsePortSpec,
  parseSecurityOpt,
  parseVolumeSpec,
  quoteName,
  quoteValue,
  RETRY_COUNT_NEGATIVE,
  RETRY_COUNT_OUT_OF_RANGE,
  type RestartPolicy,
  refusedValue,
  restartCountRefused,
  retryCountValue,
  type Sourced,
  type Unknown,
  unbracketed,
  unknown,
  type ValuePiece,
  type VolumeBindDevice,
} from '../../model/index.js';
import { type FileReader, readProblem } from '../fs.js';
import { type Environment, readDotEnv } from './interpolate.js';
import { type ComposeService, workingDirOf } from './project.js';
import { closestKey, DEPLOY_KEYS, SERVICE_KEYS } from './service-keys.js';
import { get, getPair, type LMap, type LNode, type LPair, type LScalar, locate, variablePieces, writtenLines } from './tree.js';

/**
 * Maps one merged compose service to a ContainerSpec (compose-spec "Services top-level elements"), keeping
 * every value's location and logical path (`services.api.cap_add[1]`). Each key is read with the shape the
 * compose-spec schema gives it (a string, a boolean, a list, a mapping, a list or a mapping of names...), by one
 * reader per shape; a value of another shape, or one compose would refuse, becomes an `invalid-value` diagnostic
 * and is left out of the model (a single value becomes Unknown: rules say it cannot be known, not that it is
 * missing). Messages quote values through `quoteValue`, so a value from the environment shows as its variable
 * (`"${DB_PASSWORD}"`), never as its text. With `files`, the service's `env_file`s are read too (`readEnvFiles`).
 */
export function serviceToSpec(svc: ComposeService, diagnostics: Diagnostic[], files?: ServiceFiles): ContainerSpec {
  const base = `services.${svc.name}`;
  const n = svc.node;
  const spec = emptyContainerSpec(svc.name, 'compose', locate(svc.key, base));
  const p = (k: string) => `${base}.${k}`;
  // The name as messages quote it (quoteName): a name of 3,000 characters is cut, a secret-shaped one masked.
  const named = `service ${quoteName(svc.name)}`;
  const report =
    (severity: Diagnostic['severity']): Bad =>
    (node, path, message) =>
      diagnostics.push({ code: 'invalid-value', severity, message: `${named}: ${message}`, at: locate(node, path) });
  const r: Report = { bad: report('error'), warn: report('warning'), base, diagnostics };
  // One reader per group of keys: each is optimised by V8 on its own (one function of all of them took TurboFan
  // about a fifth of a 1,000-file scan's compile time, twice after a deoptimisation).
  warnUnknownKeys(n, SERVICE_KEYS, p, r);
  warnUnknownDeployKeys(get(n, 'deploy'), p, r);
  readIdentity(n, spec, p, r);
  readSecurity(n, spec, p, r);
  readMounts(n, spec, p, r, svc);
  readNetworking(n, spec, p, r);
  const deploy = readMap(get(n, 'deploy'), p('deploy'), r);
  const deployMap = deploy && !isUnknown(deploy) ? deploy : undefined;
  readDevices(n, deployMap, spec, p, r);
  readLimits(n, deployMap, p, spec, r);
  readHealthcheck(get(n, 'healthcheck'), p('healthcheck'), spec, r);
  readRestart(n, deployMap, p, spec, r);

  readCommands(n, deployMap, spec, p, r);
  readEnvironment(n, spec, p, r, files);
  readLogging(get(n, 'logging'), p('logging'), spec, r);
  readBuild(n, spec, p, r, svc, files);
  const interpolated = interpolatedValues(n);
  if (interpolated.length > 0) spec.interpolated = interpolated;
  return spec;
}

/**
 * Warns of the keys of `n` (a map; `p` gives a key's logical path) that `keys` does not hold, as the compose-spec
 * defines them (`x-` extensions excepted), with the nearest known key.
 */
function warnUnknownKeys(n: LNode | undefined, keys: ReadonlySet<string>, p: (k: string) => string, r: Report): void {
  if (n?.kind === 'map') {
    for (const [name, pair] of n.entries) {
      if (keys.has(name) || name.startsWith('x-')) continue;
      const near = closestKey(name, keys);
      r.warn(
        pair.key,
        p(name),
        // Quoted through quoteValue: a key is file text (cut when long, masked when secret-shaped).
        `unknown key ${quoteValue(name)} is not read${near ? ` (did you mean "${near}"?)` : ''}: compose refuses keys the compose-spec does not define`,
      );
    }
  }
}

/** Warns of unknown keys in `deploy`, its `resources` (`limits`, `reservations`) and its `restart_policy`. */
function warnUnknownDeployKeys(deploy: LNode | undefined, p: (k: string) => string, r: Report): void {
  const under = (path: string) => (k: string) => p(`${path}.${k}`);
  warnUnknownKeys(deploy, DEPLOY_KEYS.deploy, under('deploy'), r);
  const resources = get(deploy, 'resources');
  warnUnknownKeys(resources, DEPLOY_KEYS.resources, under('deploy.resources'), r);
  warnUnknownKeys(get(resources, 'limits'), DEPLOY_KEYS.limits, under('deploy.resources.limits'), r);
  warnUnknownKeys(get(resources, 'reservations'), DEPLOY_KEYS.reservations, under('deploy.resources.reservations'), r);
  warnUnknownKeys(get(deploy, 'restart_policy'), DEPLOY_KEYS.restart_policy, under('deploy.restart_policy'), r);
}

/** `image`, `user`, `privileged` and `read_only`. */
function readIdentity(n: LNode, spec: ContainerSpec, p: (k: string) => string, r: Report): void {
  const image = readText(get(n, 'image'), p('image'), r);
  if (image) {
    const node = get(n, 'image') as LScalar;
    if (typeof image.value !== 'string') spec.image = { value: image.value, at: image.at };
    else {
      try {
        spec.image = { value: parseImageRef(image.value, node.pieces) as ImageRef, at: image.at };
      } catch (e) {
        r.bad(node, p('image'), (e as Error).message);
      }
    }
  }
  const user = readText(get(n, 'user'), p('user'), r);
  // An empty user (`user: ""`, or a variable set to nothing) is no user: Docker takes the image's USER when the
  // value is empty (moby daemon/commit.go `merge`), so the image decides, as without `user:`.
  if (user && user.value !== '') spec.user = blankUser(user, get(n, 'user') as LScalar, p('user'), r);
  const privileged = readBool(get(n, 'privileged'), p('privileged'), r);
  if (privileged) spec.privileged = privileged;
  const readOnly = readBool(get(n, 'read_only'), p('read_only'), r);
  if (readOnly) spec.readonlyRootfs = readOnly;
}

/**
 * A `cap_add` or `cap_drop` item, normalised (normalizeCapability). A name dockerd does not know is an input error at
 * the item, its only report (refused: no rule judges it): compose passes it on and dockerd refuses the container.
 */
function capability(text: string, node: LScalar, path: string, r: Report, at: Location): Sourced<string> {
  const name = normalizeCapability(text);
  const refused = capabilityRefused(name);
  if (refused === undefined) return { value: name, at };
  r.bad(node, path, `${keyPath(path, r)} ${quoteValue(text, node.pieces)}: ${refused}`);
  return { value: refusedValue(invalid(node)), at };
}

/** `cap_add`, `cap_drop` (capability names normalised) and `security_opt`. */
function readSecurity(n: LNode, spec: ContainerSpec, p: (k: string) => string, r: Report): void {
  for (const [key, caps] of [
    ['cap_add', spec.capAdd],
    ['cap_drop', spec.capDrop],
  ] as const) {
    for (const [item, path] of readList(get(n, key), p(key), r)) {
      const t = readText(item, path, r);
      if (t) caps.push(typeof t.value === 'string' ? capability(t.value, item as LScalar, path, r, t.at) : t);
    }
  }
  for (const [item, path] of readList(get(n, 'security_opt'), p('security_opt'), r)) {
    const t = readText(item, path, r);
    if (!t) continue;
    if (typeof t.value === 'string') parseSecurityOpt(t.value, t.at, spec.securityOpt);
    // `seccomp=${PROFILE}`: which option it is is known, its value is not.
    else if (item.kind === 'scalar' && typeof item.value === 'string') parseSecurityOpt(item.value, t.at, spec.securityOpt, t.value);
    else spec.securityOpt.other.push({ value: t.value, at: t.at });
  }
}

/** `tmpfs`, `volumes` (bind sources resolved against the file's folder, named volumes with their bind device) and `use_api_socket`. */
function readMounts(n: LNode, spec: ContainerSpec, p: (k: string) => string, r: Report, svc: ComposeService): void {
  for (const [item, path] of readList(get(n, 'tmpfs'), p('tmpfs'), r, { orText: true })) {
    const t = readText(item, path, r);
    if (t) spec.tmpfs.push({ value: typeof t.value === 'string' ? (t.value.split(':')[0] as string) : t.value, at: t.at });
  }

  for (const [item, path] of readList(get(n, 'volumes'), p('volumes'), r)) {
    const m = volumeOf(item, path, r);
    if (m === undefined) continue;
    const at = locate(longSyntaxSource(item) ?? item, path);
    if (!isUnknown(m) && m.source !== undefined) {
      if (m.type === 'bind' && !m.source.startsWith('/')) m.baseDir = workingDirOf(item);
      else if (m.type === 'volume') {
        const device = bindDeviceOf(svc.volumes, m.source);
        if (device) m.bindDevice = device;
      }
    }
    spec.mounts.push({ value: m, at });
    if (!isUnknown(m) && m.type === 'tmpfs') spec.tmpfs.push({ value: m.target, at });
  }

  // `use_api_socket: true`: compose mounts the Docker API socket into the container, as `docker run --use-api-socket`.
  const apiSocket = readBool(get(n, 'use_api_socket'), p('use_api_socket'), r);
  if (apiSocket && apiSocket.value !== false) {
    const at = locate((getPair(n, 'use_api_socket') as LPair).key, p('use_api_socket'));
    spec.mounts.push({
      value: isUnknown(apiSocket.value) ? apiSocket.value : { type: 'bind', source: '/var/run/docker.sock', target: '/var/run/docker.sock', readOnly: false },
      at,
    });
  }
}

/** `ports`, `network_mode`, `networks` and the namespace modes (`pid`, `ipc`, `uts`, `userns_mode`, `cgroup`). */
function readNetworking(n: LNode, spec: ContainerSpec, p: (k: string) => string, r: Report): void {
  for (const [item, path] of readList(get(n, 'ports'), p('ports'), r)) {
    const b = portOf(item, path, r);
    if (b !== undefined) spec.ports.push({ value: b, at: locate(item, path) });
  }

  const networkMode = readText(get(n, 'network_mode'), p('network_mode'), r);
  if (networkMode) spec.networkMode = networkMode;
  const networks = get(n, 'networks');
  if (networks?.kind === 'map') {
    for (const [name, pair] of networks.entries) spec.networks.push({ value: name, at: locate(pair.key, `${p('networks')}.${name}`) });
  } else {
    for (const [item, path] of readList(networks, p('networks'), r, { want: 'a list or a mapping' })) {
      const t = readText(item, path, r);
      if (t) spec.networks.push(t);
    }
  }

  for (const [key, field] of [
    ['pid', 'pidMode'],
    ['ipc', 'ipcMode'],
    ['uts', 'utsMode'],
    ['userns_mode', 'usernsMode'],
    ['cgroup', 'cgroupnsMode'],
  ] as const) {
    const v = readText(get(n, key), p(key), r);
    if (v) spec[field] = v;
  }
}

/** `devices`, `device_cgroup_rules`, `gpus`, `deploy.resources.reservations.devices` and `sysctls`. */
function readDevices(n: LNode, deploy: LMap | undefined, spec: ContainerSpec, p: (k: string) => string, r: Report): void {
  for (const [item, path] of readList(get(n, 'devices'), p('devices'), r)) {
    const d = deviceOf(item, path, r);
    if (d !== undefined) spec.devices.push({ value: d, at: locate(longSyntaxSource(item) ?? item, path) });
  }
  for (const [item, path] of readList(get(n, 'device_cgroup_rules'), p('device_cgroup_rules'), r)) {
    const t = readText(item, path, r);
    // An item of another shape (`- 5`) is an input error (reported) and is left out, as a refused rule is.
    if (!t || (isUnknown(t.value) && !(item.kind === 'scalar' && item.unknown))) continue;
    // Compose passes the rule as written; dockerd creates the container but refuses to start it when the rule is not `TYPE MAJOR:MINOR ACCESS` (moby#41919).
    if (typeof t.value === 'string' && parseDeviceCgroupRule(t.value) === undefined) {
      const shown = quoteValue(t.value, (item as LScalar).pieces);
      r.bad(
        item,
        path,
        `invalid device cgroup rule ${shown}: dockerd refuses to start the container ("invalid device cgroup rule format"); write TYPE MAJOR:MINOR ACCESS, as \`c 42:* rmw\``,
      );
      continue;
    }
    (spec.deviceCgroupRules ??= []).push(t);
  }
  readGpus(get(n, 'gpus'), p('gpus'), spec, r);
  // `deploy.resources.reservations` of another shape is reported where the reserved memory is read (readLimits).
  const resources = get(deploy, 'resources');
  const reservations = resources?.kind === 'map' ? get(resources, 'reservations') : undefined;
  const reserved = reservations?.kind === 'map' ? reservations : undefined;
  const devicesPath = p('deploy.resources.reservations.devices');
  for (const [item, path] of readList(get(reserved, 'devices'), devicesPath, r)) {
    const request = deviceRequestOf(item, path, r, false);
    if (request !== undefined) (spec.deviceRequests ??= []).push({ value: request, at: locate(item, path) });
  }

  const sysctls = get(n, 'sysctls');
  for (const { name, key, value } of readNamed(sysctls, p('sysctls'), r)) {
    const at = locate(key, `${p('sysctls')}.${name}`);
    if (value === null) spec.sysctls.push({ value: [name, ''], at });
    else if (value.unknown) (spec.unknownSysctls ??= []).push({ name, why: value.unknown, at });
    else spec.sysctls.push({ value: [name, String(value.value)], at });
  }
}

/** `command`, `entrypoint`, `labels` and `deploy.labels` (with the text each label is written as). */
function readCommands(n: LNode, deploy: LMap | undefined, spec: ContainerSpec, p: (k: string) => string, r: Report): void {
  const command = readCommand(get(n, 'command'), p('command'), r);
  if (command) spec.command = command;
  const entrypoint = readCommand(get(n, 'entrypoint'), p('entrypoint'), r);
  if (entrypoint) spec.entrypoint = entrypoint;
  readLabels(get(n, 'labels'), p('labels'), spec, r);
  // The service's labels for a platform with services (compose-spec deploy.md: set on the Swarm service, not on its
  // containers; `docker compose up` does not apply them). They are written in the file all the same, and
  // `docker service inspect` shows them: read as the other labels, each located at its `deploy.labels` value.
  readLabels(get(deploy, 'labels'), p('deploy.labels'), spec, r);
}

/**
 * A `labels` or `deploy.labels` field (a mapping, or a list of `KEY=value`), appended to `spec.labels`: each label
 * with its value after interpolation and the text it is written as, located at the value (the key when none is
 * written; the list item, or the part of it after `=`).
 */
function readLabels(labelsNode: LNode | undefined, labelsPath: string, spec: ContainerSpec, r: Report): void {
  for (const { name, key, value } of readNamed(labelsNode, labelsPath, r)) {
    const path = `${labelsPath}.${name}`;
    if (labelsNode?.kind !== 'seq') {
      (spec.labels ??= []).push({ value: { name, ...commandArg(value ?? { ...key, value: '' }) }, at: locate(value ?? key, path) });
      continue;
    }
    // The list item is `KEY=value` (or `KEY`, an empty value): its pieces and template cover the whole item.
    const all = variablePieces(key);
    // The item as written, each variable as its expression (`KEY=${VALUE}`).
    const text = all ? all.map((piece) => piece.variable ?? piece.text).join('') : String(key.value ?? '');
    const label: Label = { name, value: key.unknown ?? (value === null ? '' : String(value.value ?? '')) };
    if (all || key.unknown) label.written = text.slice(name.length + 1);
    // Located at the value when the item is written on one line as it reads; a key alone at the item. A `$` the
    // file writes as `$$` makes the item shorter than its text in the file (two of them look like quotes to
    // locationWithin): such an item is located whole.
    const at = locate(key, path);
    const escapedDollar = all ? all.some((piece) => piece.variable === undefined && piece.text.includes('$')) : text.includes('$');
    const within = text.includes('=') && !escapedDollar;
    const lines = writtenLines(key);
    (spec.labels ??= []).push({ value: label, at: within ? locationWithin(at, text, name.length + 1, text.length - name.length - 1, lines) : at });
  }
}

/** `environment`, the `env_file`s (read with `files`) and `secrets`. */
function readEnvironment(n: LNode, spec: ContainerSpec, p: (k: string) => string, r: Report, files: ServiceFiles | undefined): void {
  const environment = get(n, 'environment');
  for (const { name, key, value } of readNamed(environment, p('environment'), r)) {
    const at = locate(environment?.kind === 'seq' ? (value ?? key) : key, `${p('environment')}.${name}`);
    if (value === null) spec.env.push({ value: { name }, at });
    else if (value.unknown)
      spec.env.push({
        value: typeof value.value === 'string' ? { name, unknownValue: value.unknown, template: value.value } : { name, unknownValue: value.unknown },
        at,
      });
    else spec.env.push({ value: value.value === null ? { name } : { name, value: String(value.value) }, at });
  }
  if (files) readEnvFiles(get(n, 'env_file'), p('env_file'), spec, files, r);
  for (const [item, path] of readList(get(n, 'secrets'), p('secrets'), r)) {
    if (item.kind === 'map') {
      const src = readText(get(item, 'source'), `${path}.source`, r);
      const tgt = readText(get(item, 'target'), `${path}.target`, r);
      if (typeof src?.value === 'string')
        spec.secrets.push({ value: typeof tgt?.value === 'string' ? { source: src.value, target: tgt.value } : { source: src.value }, at: locate(item, path) });
      continue;
    }
    const t = readText(item, path, r, 'a string or a mapping');
    if (t) spec.secrets.push({ value: typeof t.value === 'string' ? { source: t.value } : t.value, at: t.at });
  }
}

/** `build`: a context string, or a mapping (context, dockerfile, target, args, dockerfile_inline). */
function readBuild(n: LNode, spec: ContainerSpec, p: (k: string) => string, r: Report, svc: ComposeService, files: ServiceFiles | undefined): void {
  const build = get(n, 'build');
  if (build?.kind === 'map') {
    const ctx = readText(get(build, 'context'), p('build.context'), r)?.value;
    const df = readText(get(build, 'dockerfile'), p('build.dockerfile'), r)?.value;
    spec.build = {
      context: typeof ctx === 'string' ? ctx : '.',
      dockerfile: typeof df === 'string' ? df : 'Dockerfile',
      baseDir: svc.baseDir,
      at: locate(build, p('build')),
    };
    const pieces = { context: variablePieces(get(build, 'context')), dockerfile: variablePieces(get(build, 'dockerfile')) };
    if (pieces.context || pieces.dockerfile) spec.build.pieces = pieces;
    const target = readText(get(build, 'target'), p('build.target'), r);
    if (target) spec.build.target = target;
    const args = readBuildArgs(get(build, 'args'), p('build.args'), r, files?.env);
    if (args) {
      spec.build.args = args.values;
      spec.build.argsWritten = args.written;
    }
    const inlineNode = get(build, 'dockerfile_inline');
    const inline = readText(inlineNode, p('build.dockerfile_inline'), r);
    // A text a variable without a value is part of stays set, unknown with the text as written (BuildSpec.inline).
    if (inline && inlineNode?.kind === 'scalar' && inlineNode.unknown && typeof inlineNode.value === 'string')
      spec.build.inline = { value: unknown(inlineNode.unknown.reason, inlineNode.value), at: inline.at };
    else if (inline) spec.build.inline = inline;
    // compose-go loader/validate.go checkConsistency: "declares mutualy exclusive dockerfile and dockerfile_inline"
    // when both are set (not empty) once interpolated. The inline text is still the one judged.
    if (typeof df === 'string' && df !== '' && typeof inline?.value === 'string' && inline.value !== '')
      r.bad(
        (getPair(build, 'dockerfile_inline') as LPair).key,
        p('build.dockerfile_inline'),
        'build sets both dockerfile and dockerfile_inline, which compose refuses (they exclude each other)',
      );
  } else if (build !== undefined) {
    const ctx = readText(build, p('build'), r, 'a string or a mapping');
    if (ctx) spec.build = { context: typeof ctx.value === 'string' ? ctx.value : '.', dockerfile: 'Dockerfile', baseDir: svc.baseDir, at: ctx.at };
    const context = variablePieces(build);
    if (spec.build && context) spec.build.pieces = { context };
  }
}

/** Every value under `node` that took a variable's value, where it is written and in pieces (`ContainerSpec.interpolated`). */
function interpolatedValues(node: LNode): InterpolatedValue[] {
  const out: InterpolatedValue[] = [];
  // A scalar reached again through an alias (or a merge) is the same value, written once. Only such scalars are
  // remembered (few), not every node: the walk runs for every service. The tree has no cycle (toTree refuses one).
  let seen: Set<LNode> | undefined;
  const walk = (n: LNode): void => {
    if (n.kind === 'scalar') {
      const pieces = variablePieces(n);
      if (!pieces) return;
      seen ??= new Set();
      if (seen.has(n)) return;
      seen.add(n);
      out.push({ at: locate(n), pieces });
    } else if (n.kind === 'seq') for (const item of n.items) walk(item);
    else for (const pair of n.entries.values()) walk(pair.value);
  };
  walk(node);
  return out;
}

type Bad = (node: LNode, path: string, message: string) => void;

/** A blank at the start or end of a `user:` part: at either end of the value, or beside the colon. */
const BLANK_AT_PART_EDGE = /^\s|\s$|\s:|:\s/;

/**
 * A `user:` whose user or group part starts or ends with a blank (`" 0"`, `"1000 "`, `"app: 0"`, a block scalar's
 * newline) is refused where it runs: moby/sys/user `GetExecUser` does not trim, so the part is not a number and is
 * looked up as a name, which no passwd or group file holds ("unable to find user  0"), and the container does not
 * start. It is reported at the value, and is Unknown in the model (a refused value is never read as another).
 */
function blankUser(user: Sourced<string>, node: LScalar, path: string, r: Report): Sourced<string> {
  if (typeof user.value !== 'string' || !BLANK_AT_PART_EDGE.test(user.value)) return user;
  r.bad(
    node,
    path,
    `user ${quoteValue(user.value, node.pieces)} has a blank before or after its user or group: Docker looks that up as a name, which no passwd or group file holds, and the container does not start ("unable to find user")`,
  );
  return { value: invalid(node), at: user.at };
}

/** What reading a service's `env_file`s needs: the files, and the variables compose interpolates them with. */
export interface ServiceFiles {
  fs: FileReader;
  /** The project's variables (the environment, then its `.env`). */
  env: Environment;
}

/**
 * Reads a service's `env_file` (a path, a list of paths, or of `{path, required, format}`) as compose does: each
 * path relative to the folder of the compose file that writes it, read with compose-go's dotenv parser, its values
 * interpolated from the project's variables, then the service's `environment`, then the variables of the files read
 * before it. compose puts the variables in the container's environment, so they join `spec.env` (`fromFile`, located
 * at the variable in the env file), unless `environment` sets the same name (it wins, as in compose); a later file
 * wins over an earlier one. A missing file is a located warning unless `required: false` (compose refuses it, but env
 * files are often kept out of a repository on purpose); one that cannot be read, or that compose refuses (an
 * unterminated quote, `${VAR:?err}` without a value), is a located error.
 */
function readEnvFiles(node: LNode | undefined, path: string, spec: ContainerSpec, files: ServiceFiles, r: Report): void {
  const fromEnvironment = new Map<string, string | Unknown | undefined>();
  for (const e of spec.env) {
    if (isUnknown(e.value)) continue;
    fromEnvironment.set(e.value.name, e.value.unknownValue ?? e.value.value);
  }
  const read = new Map<string, EnvVarAt>();
  for (const [item, itemPath] of readList(node, path, r, { orText: true })) {
    const entry = envFileEntry(item, itemPath, r);
    if (!entry) continue;
    const { pathNode, file, required } = entry;
    const abs = resolve(dirname(pathNode.file.absolute), file);
    const shown = quoteValue(file, pathNode.pieces);
    let text: string | undefined;
    const unreadable = (why: string) =>
      r.diagnostics.push({ code: 'unreadable', severity: 'error', message: `service ${quoteName(spec.name)}: ${why}`, at: locate(pathNode, itemPath) });
    try {
      text = files.fs.readText(abs);
    } catch (e) {
      unreadable(`cannot read env_file ${shown}: ${readProblem(e)}`);
      continue;
    }
    if (text === undefined) {
      // A warning, not an error: env files often hold secrets and are kept out of the repository on purpose
      // (.gitignore), and a scan of the repository must not fail on that; what they would set is not judged.
      if (required)
        r.diagnostics.push({
          code: 'unreadable',
          severity: 'warning',
          message: `service ${quoteName(spec.name)}: env_file ${shown} is not there, so the variables it sets are not judged (compose refuses to start without it; \`required: false\` makes it optional)`,
          at: locate(pathNode, itemPath),
        });
      continue;
    }
    const lookup = (name: string): string | Unknown | undefined => {
      const v = files.env.get(name);
      if (v !== undefined) return v;
      const why = files.env.unknown?.(name);
      if (why) return why;
      const own = fromEnvironment.get(name);
      if (own !== undefined) return own;
      const earlier = read.get(name)?.value;
      return earlier?.unknownValue ?? earlier?.value;
    };
    const parsed = readDotEnv(text, lookup);
    const display = files.fs.display(abs);
    const index = new LineIndex(text);
    for (const e of parsed.entries) {
      const at = index.location(display, e.start, e.end, `${path}.${e.name}`);
      const value: EnvVar = { name: e.name, fromFile: true };
      if (e.unknown) {
        value.unknownValue = e.unknown;
        if (e.template !== undefined) value.template = e.template;
      } else value.value = e.value as string;
      // A later file (or a later line) sets the name again: it wins.
      read.delete(e.name);
      read.set(e.name, { value, at });
    }
    if (parsed.problem) {
      const { code, message, start, end } = parsed.problem;
      r.diagnostics.push({ code, severity: 'error', message: `${message} (compose refuses this env_file)`, at: index.location(display, start, end) });
    }
  }
  for (const [name, v] of read) if (!fromEnvironment.has(name)) spec.env.push(v);
}

/** An EnvVar with where it is written. */
type EnvVarAt = { value: EnvVar; at: Location };

/** One `env_file` item: its path (as written), and whether compose refuses the project when it is missing. */
function envFileEntry(item: LNode, path: string, r: Report): { pathNode: LScalar; file: string; required: boolean } | undefined {
  if (item.kind === 'map') {
    const pathNode = get(item, 'path');
    const file = readText(pathNode, `${path}.path`, r);
    if (file === undefined) {
      r.bad(item, path, 'a long-syntax env_file needs a path');
      return undefined;
    }
    const required = readBool(get(item, 'required'), `${path}.required`, r);
    const format = readText(get(item, 'format'), `${path}.format`, r)?.value;
    if (typeof format === 'string' && format !== 'dotenv') {
      r.warn(item, path, `env_file format ${quoteValue(format)} is not read; its variables are not judged`);
      return undefined;
    }
    return textPath(pathNode as LNode, file, path, r, required?.value !== false);
  }
  const file = readText(item, path, r, 'a string or a mapping');
  return file && textPath(item, file, path, r, true);
}

/** The path of an `env_file` item; undefined (with a warning) when a variable it needs has no value. */
function textPath(node: LNode, file: Sourced<string>, path: string, r: Report, required: boolean) {
  if (typeof file.value !== 'string') {
    if (node.kind === 'scalar' && node.unknown) r.warn(node, path, `env_file cannot be read: ${file.value.reason}; its variables are not judged`);
    return undefined;
  }
  return { pathNode: node as LScalar, file: file.value, required };
}

/**
 * Where a service's input problems go: errors (`bad`, compose refuses the value) and warnings (`warn`, compose reads
 * it but says so); `base` is the service's path (`services.web`), which messages leave out.
 */
interface Report {
  bad: Bad;
  warn: Bad;
  base: string;
  /** For problems located elsewhere than in the compose file (an env file). */
  diagnostics: Diagnostic[];
}

/** A path as messages show it, from the service: `cap_add[0]` for `services.web.cap_add[0]`. */
function keyPath(path: string, r: Report): string {
  return path.startsWith(`${r.base}.`) ? path.slice(r.base.length + 1) : path;
}

/** A value as a type error names it: `a mapping`, `a list`, `the number 5`, `the string "x"` (quoted through quoteValue). */
function describe(node: LNode): string {
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (typeof node.value === 'string') return `the string ${quoteValue(node.value, node.pieces)}`;
  return `the ${typeof node.value} ${String(node.value)}`;
}

/**
 * Reports a value of a shape the schema does not allow at `path` (compose refuses the file: "must be a string"),
 * and returns the Unknown that stands for it in the model.
 */
function wrongShape(node: LNode, path: string, want: string, r: Report): Unknown {
  r.bad(node, path, `${keyPath(path, r)} must be ${want}, not ${describe(node)}`);
  if (node.kind === 'scalar') return invalid(node);
  return unknown(`${describe(node)} is not a valid value`);
}

/** True for a key that is absent, or written with no value (`cap_add:`), which compose takes as not set. */
function isUnset(node: LNode | undefined): node is undefined | (LScalar & { value: null }) {
  return node === undefined || (node.kind === 'scalar' && node.value === null && !node.unknown);
}

/**
 * A string field (schema `"type": "string"`: `user`, `image`, `restart`, a list item of `cap_add`...). Unknown for a
 * variable without a value, and for any other shape (reported: a number, a boolean, a mapping or a list). `want`
 * names the shapes the field takes, for the message, when a caller reads the other ones itself.
 */
function readText(node: LNode | undefined, path: string, r: Report, want = 'a string'): Sourced<string> | undefined {
  if (isUnset(node)) return undefined;
  const at = locate(node, path);
  if (node.kind === 'scalar') {
    if (node.unknown) return { value: node.unknown, at };
    if (typeof node.value === 'string') return { value: node.value, at };
  }
  return { value: wrongShape(node, path, want, r), at };
}

/**
 * A list field (schema `"type": "array"`): its items with their paths. Nothing for a field not set, or of another
 * shape (reported); with `orText` (schema `string_or_list`: `tmpfs`), a string stands for a list of one.
 */
function readList(node: LNode | undefined, path: string, r: Report, opts: { orText?: boolean; want?: string } = {}): [LNode, string][] {
  if (isUnset(node)) return [];
  if (node.kind === 'seq') return node.items.map((item, i) => [item, `${path}[${i}]`]);
  if (opts.orText && node.kind === 'scalar' && (node.unknown || typeof node.value === 'string')) return [[node, path]];
  wrongShape(node, path, opts.want ?? (opts.orText ? 'a string or a list' : 'a list'), r);
  return [];
}

/** A mapping field (schema `"type": "object"`: `healthcheck`, `logging`, `deploy`...); undefined when not set, Unknown for another shape (reported). */
function readMap(node: LNode | undefined, path: string, r: Report): LMap | Unknown | undefined {
  if (isUnset(node)) return undefined;
  if (node.kind === 'map') return node;
  return wrongShape(node, path, 'a mapping', r);
}

/** One entry of a `list_or_dict` field: its name, where the name is written, and its value (null: none, `- NAME`). */
interface Named {
  name: string;
  key: LScalar;
  value: LScalar | null;
}

/**
 * `build.args` (a mapping, or a list of `NAME=value` / `NAME`): each build argument's value, as BuildSpec.args says
 * (`values`), and each entry as written, located (`written`, BuildSpec.argsWritten). A name listed alone takes its
 * value from the project's variables (the environment, then `.env`), as compose-go resolves it; not set there,
 * compose passes it without a value, which Unknown says. Undefined when not written.
 */
function readBuildArgs(
  node: LNode | undefined,
  path: string,
  r: Report,
  env: Environment | undefined,
): { values: Map<string, string | Unknown>; written: Sourced<BuildArg>[] } | undefined {
  if (isUnset(node)) return undefined;
  const values = new Map<string, string | Unknown>();
  const written: Sourced<BuildArg>[] = [];
  for (const { name, key, value } of readNamed(node, path, r)) {
    const at = locate(node.kind === 'seq' ? key : (value ?? key), `${path}.${name}`);
    if (value === null) {
      const v = env?.get(name);
      values.set(name, v ?? env?.unknown?.(name) ?? unknown(`build argument ${name} is listed without a value and the environment does not set it`));
      written.push({ value: { name }, at });
      continue;
    }
    // In the list form the item's pieces cover `NAME=value`: the value's are those after `NAME=`.
    const all = variablePieces(value);
    const pieces = all && node.kind === 'seq' ? dropLeading(all, [...name].length + 1) : all;
    const arg: BuildArg = { name };
    if (value.unknown) {
      values.set(name, value.unknown);
      arg.value = value.unknown;
    } else {
      const v = value.value === null ? '' : String(value.value);
      values.set(name, v);
      arg.value = v;
    }
    if (pieces?.some((piece) => piece.variable !== undefined)) arg.pieces = pieces;
    written.push({ value: arg, at });
  }
  return { values, written };
}

/**
 * compose-spec `command` and `entrypoint` (and a healthcheck `test`): a string is the shell form (compose splits it
 * into words as a shell would, no shell runs it), a list the exec form; each located at its value. Undefined when not
 * written (null included: the image's applies); a value of another shape is reported and left out.
 */
function readCommand(node: LNode | undefined, path: string, r: Report): Sourced<CommandLine> | undefined {
  if (isUnset(node)) return undefined;
  const at = locate(node, path);
  if (node.kind === 'scalar' && (node.unknown || typeof node.value === 'string'))
    return { value: { form: 'shell', args: [{ value: commandArg(node), at }] }, at };
  if (node.kind !== 'seq') {
    wrongShape(node, path, 'a string or a list', r);
    return undefined;
  }
  const args: Sourced<CommandArg>[] = [];
  node.items.forEach((item, i) => {
    // compose-go takes numbers and booleans in the list as their text (`command: [sleep, 10]`).
    if (item.kind === 'scalar' && item.value !== null) args.push({ value: commandArg(item), at: locate(item, `${path}[${i}]`) });
    else if (!isUnset(item)) wrongShape(item, `${path}[${i}]`, 'a string', r);
  });
  return { value: { form: 'exec', args }, at };
}

/** A scalar as a CommandArg: its value after interpolation, and its text as written when a variable is part of it. */
function commandArg(node: LScalar): CommandArg {
  const arg: CommandArg = { value: node.unknown ?? String(node.value ?? '') };
  const pieces = variablePieces(node);
  if (pieces) arg.written = pieces.map((piece) => piece.variable ?? piece.text).join('');
  else if (node.unknown && typeof node.value === 'string') arg.written = node.value;
  const lines = writtenLines(node);
  if (lines) arg.lines = lines;
  return arg;
}

/** `pieces` without their first `n` characters (a list item's `NAME=`), empty pieces left out. */
function dropLeading(pieces: readonly ValuePiece[], n: number): ValuePiece[] {
  const out: ValuePiece[] = [];
  let left = n;
  for (const piece of pieces) {
    const chars = [...piece.text];
    if (left >= chars.length) {
      left -= chars.length;
      continue;
    }
    out.push({ ...piece, text: chars.slice(left).join('') });
    left = 0;
  }
  return out;
}

/**
 * A `list_or_dict` field (`environment`, `sysctls`, `labels`): a mapping of names to strings, numbers, booleans or
 * nothing, or a list of `NAME=value` / `NAME` strings. A later entry of a name wins, as in compose. Values of another
 * shape (a nested mapping, a number in the list form) are reported and left out.
 */
function readNamed(node: LNode | undefined, path: string, r: Report): Named[] {
  if (isUnset(node)) return [];
  const out = new Map<string, Named>();
  if (node.kind === 'map') {
    for (const [name, pair] of node.entries) {
      const v = pair.value;
      if (v.kind !== 'scalar') {
        wrongShape(v, `${path}.${name}`, 'a string, a number, a boolean or nothing', r);
        continue;
      }
      out.set(name, { name, key: pair.key, value: v.value === null && !v.unknown ? null : v });
    }
    return [...out.values()];
  }
  for (const [item, itemPath] of readList(node, path, r, { want: 'a list or a mapping' })) {
    if (item.kind !== 'scalar' || (typeof item.value !== 'string' && !item.unknown)) {
      if (!isUnset(item)) wrongShape(item, itemPath, 'a string', r);
      continue;
    }
    const text = String(item.value);
    const eq = text.indexOf('=');
    const name = eq === -1 ? text : text.slice(0, eq);
    // `NAME=${VALUE}` keeps its Unknown; `NAME` alone has no value (the caller's environment gives it).
    out.set(name, { name, key: item, value: eq !== -1 ? { ...item, value: text.slice(eq + 1) } : item.unknown ? { ...item, value: null } : null });
  }
  return [...out.values()];
}

/**
 * compose-go's `toBoolean`, which it applies to every string at a boolean field (after interpolation): `true` and
 * `false` in any case; `y`, `yes`, `on`, `n`, `no` and `off` in any case too, with a warning (YAML 1.1 words, which
 * YAML 1.2 reads as strings); anything else is refused, `1` and `0` included.
 */
function toBoolean(s: string): { value: boolean; yaml11: boolean } | undefined {
  switch (s.toLowerCase()) {
    case 'true':
      return { value: true, yaml11: false };
    case 'false':
      return { value: false, yaml11: false };
    case 'y':
    case 'yes':
    case 'on':
      return { value: true, yaml11: true };
    case 'n':
    case 'no':
    case 'off':
      return { value: false, yaml11: true };
    default:
      return undefined;
  }
}

/**
 * A boolean field (schema `["boolean", "string"]`), read as compose does: a YAML boolean, or a string `toBoolean`
 * takes (a YAML 1.1 word with a located warning). Unknown for a variable without a value, and for a value compose
 * refuses (a located error; a number, a list or a mapping is refused too). Undefined when not set.
 */
function readBool(node: LNode | undefined, path: string, r: Report): Sourced<boolean> | undefined {
  if (isUnset(node)) return undefined;
  const at = locate(node, path);
  if (node.kind !== 'scalar') return { value: wrongShape(node, path, 'a boolean', r), at };
  if (node.unknown) return { value: node.unknown, at };
  if (typeof node.value === 'boolean') return { value: node.value, at };
  const b = typeof node.value === 'string' ? toBoolean(node.value) : undefined;
  if (b === undefined) {
    r.bad(node, path, `${quoteValue(String(node.value), node.pieces)} is not a boolean`);
    // A value compose refuses is not "not set": rules say it cannot be known rather than report it missing.
    return { value: invalid(node), at };
  }
  if (b.yaml11) {
    const word = String(b.value);
    r.warn(node, path, `${quoteValue(String(node.value), node.pieces)} for a boolean is not YAML 1.2; compose reads it as ${word} (write \`${word}\`)`);
  }
  return { value: b.value, at };
}

/** The Unknown for a value compose refuses; `raw` only for a value written in the file (it may be a secret otherwise). */
function invalid(node: LScalar): Unknown {
  const reason = `${quoteValue(String(node.value), node.pieces)} is not a valid value`;
  return node.pieces ? unknown(reason) : unknown(reason, String(node.value));
}

/**
 * The `source:` value of a long-syntax `volumes` or `devices` item (a mapping), where findings about the host path
 * it names are located: the line that says which host path is mounted, not the item's first key (`type:`). The
 * logical path stays the item's (`services.web.volumes[0]`), so fingerprints do not change. Undefined for a short
 * item, and for a mapping without a source (an anonymous volume, a tmpfs), which is located as a whole.
 */
function longSyntaxSource(item: LNode): LNode | undefined {
  const source = get(item, 'source');
  return source === undefined || isUnset(source) ? undefined : source;
}

/** A `volumes` item: the short syntax (a string) or the long one (a mapping with a target). */
function volumeOf(item: LNode, path: string, r: Report): Mount | Unknown | undefined {
  if (item.kind !== 'map') {
    const t = readText(item, path, r, 'a string or a mapping');
    if (t === undefined) return undefined;
    if (typeof t.value === 'string') return parseVolumeSpec(t.value);
    if (item.kind !== 'scalar' || typeof item.value !== 'string') return t.value;
    // `${SRC}:/target`: the target is known, the source is not; rules decide what they can (status unknown).
    return templateVolume(item.value, t.value);
  }
  const type = readText(get(item, 'type'), `${path}.type`, r)?.value;
  const target = readText(get(item, 'target'), `${path}.target`, r)?.value;
  if (typeof target !== 'string') {
    if (target === undefined) r.bad(item, path, 'a long-syntax volume needs a target');
    return target;
  }
  const sourceNode = get(item, 'source');
  const source = readText(sourceNode, `${path}.source`, r)?.value;
  // A read_only that cannot be known, or that compose refuses (reported), leaves the mount writable: the default;
  // one from a variable without a value is marked so (`readOnlyUnknown`).
  const roNode = get(item, 'read_only');
  const ro = readBool(roNode, `${path}.read_only`, r)?.value;
  const m: Mount = { type: (typeof type === 'string' ? type : 'volume') as Mount['type'], target, readOnly: ro === true };
  if (roNode?.kind === 'scalar' && roNode.unknown) m.readOnlyUnknown = roNode.unknown;
  if (isUnknown(source)) {
    // `source: ${SRC}` without a value: the text as written, marked unknown; a value of another shape stays Unknown.
    if (sourceNode?.kind !== 'scalar' || !sourceNode.unknown || typeof sourceNode.value !== 'string') return source;
    m.source = sourceNode.value;
    m.sourceUnknown = sourceNode.unknown;
  } else if (source !== undefined) m.source = source;
  const bind = readMap(get(item, 'bind'), `${path}.bind`, r);
  if (bind && !isUnknown(bind)) {
    const prop = readText(get(bind, 'propagation'), `${path}.bind.propagation`, r)?.value;
    if (typeof prop === 'string') m.propagation = prop;
    const sel = readText(get(bind, 'selinux'), `${path}.bind.selinux`, r)?.value;
    if (sel === 'z' || sel === 'Z') m.selinux = sel;
  }
  return m;
}

/** A character no compose path holds, standing for a `:` inside `${...}` while a volume or port spec is split on `:`. */
const BRACED_COLON = '\uE000';

/** `raw` with each `:` inside a `${...}` (`${SRC:?set SRC}`) replaced by BRACED_COLON, so that it splits as compose reads it. */
function protectBraced(raw: string): string {
  let depth = 0;
  let text = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (c === '$' && raw[i + 1] === '{') {
      depth++;
      text += '${';
      i++;
    } else if (c === '}' && depth > 0) {
      depth--;
      text += c;
    } else text += c === ':' && depth > 0 ? BRACED_COLON : c;
  }
  return text;
}

/** A part of a text `protectBraced` changed, as written. */
const restore = (s: string) => s.replaceAll(BRACED_COLON, ':');

/**
 * A short-syntax port written with a variable without a value (`${BIND}:8080:80`, `${HOST_PORT}:80`, `8080:${P}`),
 * read from its text as written: split on the `:` outside `${...}`. The host address is known only when it is written
 * without a variable, or when the first part is a literal host port (`8080:${P}`: no address, so every interface);
 * a variable where an address is, or in the first of two parts (it may hold `127.0.0.1:8080`), or a spec that is one
 * part, makes it unknown (`PortBinding.hostIpUnknown`). Ports are kept as written, for messages.
 */
function templatePort(raw: string, why: Unknown): PortBinding {
  let rest = protectBraced(raw.trim());
  let protocol: PortBinding['protocol'] = 'tcp';
  const slash = rest.lastIndexOf('/');
  const proto = slash === -1 ? undefined : rest.slice(slash + 1).toLowerCase();
  if (proto === 'tcp' || proto === 'udp' || proto === 'sctp') {
    protocol = proto;
    rest = rest.slice(0, slash);
  }
  let ip: string | undefined;
  if (rest.startsWith('[') && rest.includes(']:')) {
    ip = rest.slice(1, rest.indexOf(']:'));
    rest = rest.slice(rest.indexOf(']:') + 2);
  }
  const parts = rest.split(':');
  const n = parts.length;
  const b: PortBinding = { containerPort: restore(parts[n - 1] as string), protocol };
  if (ip === undefined && n >= 3) ip = parts.slice(0, n - 2).join(':');
  const hostPort = n >= 2 ? (parts[n - 2] as string) : undefined;
  if (hostPort !== undefined && hostPort !== '') b.hostPort = restore(hostPort);
  const ipUnknown = ip === undefined ? n < 2 || hostPort?.includes('$') : ip.includes('$');
  if (ipUnknown) b.hostIpUnknown = why;
  else if (ip !== undefined && ip !== '') b.hostIp = ip;
  return b;
}

/**
 * A short-syntax volume written with a variable without a value (`${DATA}/pg:/data`, `/etc/app:/app:${MODE}`), read
 * from its text as written: split on the `:` outside `${...}` (`${SRC:?set SRC}:/data` has one in its braces), the
 * parts that hold a variable marked unknown with `why` (`Mount.sourceUnknown`, `readOnlyUnknown`: options that hold
 * a variable and no literal `ro`). A source with a variable is taken as a bind mount (a path is the common case; a
 * volume name is harmless either way); rules say what cannot be known.
 */
function templateVolume(raw: string, why: Unknown): Mount {
  const text = protectBraced(raw);
  const m = parseVolumeSpec(text);
  m.target = restore(m.target);
  if (m.source !== undefined) {
    m.source = restore(m.source);
    if (m.source.includes('$')) {
      m.type = 'bind';
      m.sourceUnknown = why;
    }
  }
  const parts = text.split(':');
  const options = parts.length >= 3 ? (parts[parts.length - 1] as string) : '';
  if (options.includes('$') && !m.readOnly) m.readOnlyUnknown = why;
  return m;
}

/**
 * The host folder the top-level definition `volumes.NAME` has the local driver bind-mount (`localBindDevice`), with
 * the folder compose-go resolves a relative `device` against and where the definition is written. Values compose
 * refuses or that cannot be known are left alone (undefined); an `external` volume is defined elsewhere.
 */
function bindDeviceOf(volumes: LMap | undefined, name: string): VolumeBindDevice | undefined {
  const pair = volumes ? getPair(volumes, name) : undefined;
  const def = pair?.value;
  if (pair === undefined || def?.kind !== 'map') return undefined;
  const text = (n: LNode | undefined): string | undefined =>
    n?.kind === 'scalar' && !n.unknown && (typeof n.value === 'string' || typeof n.value === 'number') ? String(n.value) : undefined;
  const opts: Record<string, string> = {};
  const driverOpts = get(def, 'driver_opts');
  if (driverOpts?.kind === 'map') {
    for (const [k, p] of driverOpts.entries) {
      const v = text(p.value);
      if (v !== undefined) opts[k] = v;
    }
  }
  const driverNode = get(def, 'driver');
  const driver = text(driverNode);
  if (driverNode !== undefined && driver === undefined && !(driverNode.kind === 'scalar' && driverNode.value === null && !driverNode.unknown)) return undefined;
  const found = localBindDevice(driver, opts);
  if (!found) return undefined;
  const deviceNode = get(driverOpts, 'device') as LNode;
  return { path: found.path, baseDir: workingDirOf(deviceNode), readOnly: found.readOnly, definedAt: locate(pair.key, `volumes.${name}`) };
}

/** The text of a field the schema gives a string or a number (a port, a ulimit): numbers as written. */
function readTextOrNumber(node: LNode | undefined, path: string, r: Report): Sourced<string> | undefined {
  if (node?.kind === 'scalar' && typeof node.value === 'number') return { value: String(node.value), at: locate(node, path) };
  return readText(node, path, r, 'a string or a number');
}

/** A `ports` item: the short syntax (a string or a number) or the long one (a mapping with a target). */
function portOf(item: LNode, path: string, r: Report): PortBinding | Unknown | undefined {
  if (item.kind !== 'map') {
    if (item.kind === 'scalar' && typeof item.value === 'number') return parsePort(String(item.value), item, path, r);
    const t = readText(item, path, r, 'a string, a number or a mapping');
    if (t === undefined) return undefined;
    if (typeof t.value === 'string') return parsePort(t.value, item as LScalar, path, r);
    // `${BIND}:8080:80`: which parts are known decides whether the address is (status unknown).
    return item.kind === 'scalar' && item.unknown && typeof item.value === 'string' ? templatePort(item.value, item.unknown) : t.value;
  }
  const target = readTextOrNumber(get(item, 'target'), `${path}.target`, r)?.value;
  const published = readTextOrNumber(get(item, 'published'), `${path}.published`, r)?.value;
  const hostIpNode = get(item, 'host_ip');
  const hostIp = readText(hostIpNode, `${path}.host_ip`, r)?.value;
  const proto = readText(get(item, 'protocol'), `${path}.protocol`, r)?.value;
  if (target === undefined) {
    r.bad(item, path, 'a long-syntax port needs a target');
    return undefined;
  }
  // A port from a variable without a value is shown as written; the address alone decides where it listens.
  const written = (v: string | Unknown, key: string): string | undefined => {
    if (!isUnknown(v)) return v;
    const node = get(item, key);
    return node?.kind === 'scalar' && node.unknown && typeof node.value === 'string' ? node.value : undefined;
  };
  const containerPort = written(target, 'target');
  const hostPort = published === undefined ? undefined : written(published, 'published');
  if (containerPort === undefined || (published !== undefined && hostPort === undefined)) return isUnknown(target) ? target : (published as Unknown);
  const b: PortBinding = { containerPort, protocol: proto === 'udp' || proto === 'sctp' ? proto : 'tcp' };
  if (hostPort !== undefined && hostPort !== '') b.hostPort = hostPort;
  if (isUnknown(hostIp)) {
    if (!(hostIpNode?.kind === 'scalar' && hostIpNode.unknown)) return hostIp;
    b.hostIpUnknown = hostIp;
  } else if (hostIp !== undefined && hostIp !== '') {
    const ip = unbracketed(hostIp);
    if (ipVersion(ip) === 0) {
      // compose passes the long syntax's host_ip to Docker as written; Docker takes no host name there (depending on
      // its version it refuses the container or cannot parse the address), so where the port listens is not known.
      const shown = quoteValue(hostIp, (hostIpNode as LScalar).pieces);
      const why = hasZone(ip)
        ? 'Docker takes no zone index (%eth0) there (write the address alone)'
        : 'Docker does not resolve a host name there (write 127.0.0.1)';
      r.warn(hostIpNode as LNode, `${path}.host_ip`, `host_ip ${shown} is not an IP address: ${why}`);
      b.hostIpUnknown = unknown(`host_ip ${shown} is not an IP address`);
    } else b.hostIp = ip;
  }
  return b;
}

/**
 * Whether a text that is not an IP address is an IPv6 address with a zone index (`fe80::1%eth0`, RFC 4007 §11), which
 * Go's net.ParseIP, and so compose and Docker, refuse: the message then names the zone, not a host name.
 */
function hasZone(text: string): boolean {
  const percent = text.indexOf('%');
  return percent > 0 && ipVersion(text.slice(0, percent)) === 6;
}

function parsePort(text: string, node: LScalar, path: string, r: Report): PortBinding | undefined {
  try {
    const b = parsePortSpec(text, node.pieces);
    // go-connections `ParsePortSpec`, which compose uses: "invalid IP address" for an address that is not one
    // (`localhost:80:80`).
    if (b.hostIp !== undefined && ipVersion(b.hostIp) === 0) {
      const why = hasZone(b.hostIp) ? 'compose takes the address without a zone index (%eth0)' : 'compose takes an IP address, not a host name';
      r.bad(node, path, `invalid IP address in port ${quoteValue(text, node.pieces)}: ${why}`);
      return undefined;
    }
    return b;
  } catch (e) {
    r.bad(node, path, (e as Error).message);
    return undefined;
  }
}

/** A `devices` item: `/dev/x[:/dev/y[:rwm]]`, or a mapping with a source. */
function deviceOf(item: LNode, path: string, r: Report): DeviceMapping | Unknown | undefined {
  if (item.kind === 'map') {
    const s = readText(get(item, 'source'), `${path}.source`, r)?.value;
    const t = readText(get(item, 'target'), `${path}.target`, r)?.value;
    const perm = readText(get(item, 'permissions'), `${path}.permissions`, r)?.value;
    if (s === undefined) r.bad(item, path, 'a long-syntax device needs a source');
    if (typeof s !== 'string') return s;
    return { pathOnHost: s, pathInContainer: typeof t === 'string' ? t : s, permissions: typeof perm === 'string' ? perm : 'rwm' };
  }
  const t = readText(item, path, r, 'a string or a mapping')?.value;
  if (t === undefined) return t;
  // `${DEV}:/dev/x` without a value: a host device is given whatever it is; it is shown as written.
  const text = typeof t === 'string' ? t : item.kind === 'scalar' && item.unknown && typeof item.value === 'string' ? item.value : undefined;
  if (text === undefined) return t as Unknown;
  const [host, ctr, perm] = text.split(':');
  return { pathOnHost: host as string, pathInContainer: ctr ?? (host as string), permissions: perm ?? 'rwm' };
}

/**
 * compose-spec `gpus`: `all` (every GPU, as compose-go reads it: one request with count -1), or a list of device
 * requests, each as `deviceRequestOf` reads it with `gpu` added to its capabilities (docker compose
 * `getDeployResources`). Each request is located at its item, `all` at the value.
 */
function readGpus(node: LNode | undefined, path: string, spec: ContainerSpec, r: Report): void {
  if (isUnset(node)) return;
  if (node.kind === 'scalar') {
    const at = locate(node, path);
    if (node.unknown) (spec.deviceRequests ??= []).push({ value: node.unknown, at });
    else if (node.value === 'all') (spec.deviceRequests ??= []).push({ value: { driver: '', count: 'all', deviceIds: [], capabilities: [['gpu']] }, at });
    else wrongShape(node, path, '`all` or a list of device requests', r);
    return;
  }
  for (const [item, itemPath] of readList(node, path, r, { want: '`all` or a list of device requests' })) {
    const request = deviceRequestOf(item, itemPath, r, true);
    if (request !== undefined) (spec.deviceRequests ??= []).push({ value: request, at: locate(item, itemPath) });
  }
}

/** The keys of a compose device request (compose-spec `gpus` items and `deploy.resources.reservations.devices`). */
const DEVICE_REQUEST_KEYS = new Set(['capabilities', 'count', 'device_ids', 'driver', 'options']);

/**
 * One device request of `gpus` (`gpu`: true) or `deploy.resources.reservations.devices`, read as compose-go's
 * `DeviceRequest` and docker compose read it: `capabilities` (required in `deploy`; `gpus` adds `gpu`), `count`
 * (`all` in any case or a number, as an integer or its text; `all` when neither it nor `device_ids` is written),
 * `device_ids`, `driver`; `count` and `device_ids` together are refused. Unknown when a variable without a value is
 * part of one of those; undefined for a value compose refuses (reported).
 */
function deviceRequestOf(item: LNode, path: string, r: Report, gpu: boolean): DeviceRequest | Unknown | undefined {
  if (item.kind !== 'map') {
    // A variable gives a string whatever its value: never a mapping.
    if (!isUnset(item)) wrongShape(item, path, 'a mapping', r);
    return undefined;
  }
  const errors = r.diagnostics.length;
  for (const [key, pair] of item.entries) {
    if (!DEVICE_REQUEST_KEYS.has(key) && !key.startsWith('x-')) r.bad(pair.key, `${path}.${key}`, `unknown key ${quoteValue(key)} in a device request`);
  }
  const capsNode = get(item, 'capabilities');
  if (!gpu && capsNode === undefined)
    r.bad(item, path, 'a device request needs `capabilities` (compose refuses the file: "capabilities" attribute is mandatory)');
  const texts = (node: LNode | undefined, p: string) => readList(node, p, r).map(([v, vp]) => readText(v, vp, r)?.value);
  const capabilities = texts(capsNode, `${path}.capabilities`);
  const idItems = readList(get(item, 'device_ids'), `${path}.device_ids`, r);
  const deviceIds = idItems.map(([v, vp]) => readText(v, vp, r)?.value);
  const driver = readText(get(item, 'driver'), `${path}.driver`, r)?.value ?? '';
  for (const [i, id] of deviceIds.entries()) {
    const [idNode, idPath] = idItems[i] as [LNode, string];
    if (id === '') r.bad(idNode, idPath, 'a device id is empty: write the id of a device (`"0"`, a GPU UUID)');
  }
  const countNode = get(item, 'count');
  let count: DeviceRequest['count'] | Unknown = 'all';
  if (!isUnset(countNode)) {
    if (get(item, 'device_ids') !== undefined) r.bad(countNode, `${path}.count`, 'count and device_ids cannot both be set: compose refuses the file');
    count = readDeviceCount(countNode, `${path}.count`, r);
  }
  // compose-go requests as many devices as ids when `device_ids` is written: `[]` is none (count 0), not all.
  else if (!isUnset(get(item, 'device_ids'))) count = 0;
  if (r.diagnostics.length > errors && r.diagnostics.slice(errors).some((d) => d.severity === 'error')) return undefined;
  const unknownPart = [count, driver, ...capabilities, ...deviceIds].find(isUnknown);
  if (unknownPart) return unknownPart;
  const caps = capabilities.filter((c): c is string => typeof c === 'string');
  if (gpu) caps.push('gpu');
  return { driver: driver as string, count: count as DeviceRequest['count'], deviceIds: deviceIds as string[], capabilities: [caps] };
}

/**
 * A device request's `count` (compose-go `DeviceCount`): `all` in any case, a YAML integer, or an integer's text
 * (strconv.ParseInt: 64 bits); a negative count is all devices, as the Engine reads -1. Unknown for a variable
 * without a value, and for a value compose refuses (reported: "the only value allowed is 'all' or a number"; a YAML
 * float, `1e3` or an integer beyond 64 bits, "invalid type float64 for device count").
 */
function readDeviceCount(node: LNode, path: string, r: Report): DeviceRequest['count'] | Unknown {
  if (node.kind === 'scalar' && node.unknown) return node.unknown;
  if (node.kind === 'scalar' && typeof node.value === 'number' && node.float !== undefined) {
    r.bad(
      node,
      path,
      `invalid count ${node.float}: compose takes \`all\` or an integer of at most 64 bits, not a float ("invalid type float64 for device count")`,
    );
    return invalid(node);
  }
  const text = node.kind === 'scalar' && (typeof node.value === 'string' || typeof node.value === 'number') ? String(node.value) : undefined;
  if (text === undefined) return wrongShape(node, path, '`all` or a number', r);
  if (text.toLowerCase() === 'all') return 'all';
  // A YAML integer is in int64's range (a larger one is a float, above); an integer's text is read by ParseInt.
  const outOfRange = node.kind === 'scalar' && typeof node.value === 'string' && /^[-+]?\d+$/.test(text) && !isInt64(text);
  if (!/^[-+]?\d+$/.test(text) || outOfRange) {
    r.bad(node, path, `invalid value ${quoteValue(text, (node as LScalar).pieces)}, the only value allowed is 'all' or a number`);
    return invalid(node as LScalar);
  }
  const n = Number(text);
  return n < 0 ? 'all' : n;
}

/** A parser of a number that takes an interpolated value's pieces for its message (`parseBytes`, `parseDuration`). */
type NumberParser = (s: string | number, pieces?: readonly ValuePiece[]) => number;

/**
 * A field the schema gives a number or a string (`cpus`, `mem_limit`, `pids_limit`, `healthcheck.retries`...), parsed
 * with `parse`: Unknown for a variable without a value, and for a value compose refuses (reported: one `parse`
 * refuses, a boolean, a list or a mapping).
 */
function numberish(node: LNode | undefined, path: string, parse: NumberParser, r: Report): Sourced<number> | undefined {
  if (isUnset(node)) return undefined;
  const at = locate(node, path);
  if (node.kind !== 'scalar' || typeof node.value === 'boolean') return { value: wrongShape(node, path, 'a number or a string', r), at };
  if (node.unknown) return { value: node.unknown, at };
  try {
    return { value: parse(node.value as string | number, node.pieces), at };
  } catch (e) {
    r.bad(node, path, (e as Error).message);
    return { value: invalid(node), at };
  }
}

const int: NumberParser = (s, pieces) => {
  const n = typeof s === 'number' ? s : Number(s);
  if (!Number.isInteger(n)) throw new Error(`${quoteValue(String(s), pieces)} is not an integer`);
  return n;
};

/** A mapping inside a mapping (`resources.limits` of `deploy`): undefined when a level is not set, or not a mapping (reported). */
function readMapPath(n: LMap | undefined, keys: readonly string[], path: string, r: Report): LMap | undefined {
  let at = n;
  for (const k of keys) {
    path = `${path}.${k}`;
    const next = readMap(get(at, k), path, r);
    if (next === undefined || isUnknown(next)) return undefined;
    at = next;
  }
  return at;
}

/**
 * `cpu_quota` over `cpu_period` (microseconds; the period defaults to 100 ms) as a CPU limit in nano-CPUs, located
 * at `cpu_quota`: a hard limit as `cpus` is (Docker docs, "Resource constraints"). Undefined when `cpu_quota` is not
 * set, or is 0 or less (no limit, as dockerd reads it).
 */
function cfsQuota(n: LMap, p: (k: string) => string, r: Report): Sourced<number> | undefined {
  const quota = numberish(get(n, 'cpu_quota'), p('cpu_quota'), int, r);
  return quota && cfsQuotaLimit(quota, numberish(get(n, 'cpu_period'), p('cpu_period'), int, r));
}

function readLimits(n: LMap, deploy: LMap | undefined, p: (k: string) => string, spec: ContainerSpec, r: Report): void {
  const lim = readMapPath(deploy, ['resources', 'limits'], p('deploy'), r);
  // Each limit in both places: the deploy one is read, and the service-level one is checked against it, as
  // compose-go's loader does (a service-level value that is not 0 needs the same value in the deploy block, when
  // there is one: "can't set distinct values on 'pids_limit' and 'deploy.resources.limits.pids'").
  const inBlock = (block: LMap | undefined, blockPath: string, legacy: string, modern: string, parse: NumberParser): Sourced<number> | undefined => {
    const m = numberish(get(block, modern), p(`${blockPath}.${modern}`), parse, r);
    const l = numberish(get(n, legacy), p(legacy), parse, r);
    if (block && l && typeof l.value === 'number' && l.value !== 0 && (m === undefined || (typeof m.value === 'number' && m.value !== l.value))) {
      r.bad(
        get(n, legacy) as LNode,
        p(legacy),
        `${legacy} and ${blockPath}.${modern} ${m === undefined ? `must both be set (to the same value) once ${blockPath} is` : 'differ'}: compose refuses the project ("can't set distinct values"); set it in one place`,
      );
    }
    return m ?? l;
  };
  const both = (legacy: string, modern: string, parse: NumberParser) => inBlock(lim, 'deploy.resources.limits', legacy, modern, parse);
  inBlock(readMapPath(deploy, ['resources', 'reservations'], p('deploy'), r), 'deploy.resources.reservations', 'mem_reservation', 'memory', parseBytes);
  const cpus = both('cpus', 'cpus', parseCpus) ?? cfsQuota(n, p, r);
  if (cpus) spec.limits.nanoCpus = cpus;
  const mem = both('mem_limit', 'memory', parseBytes);
  if (mem) spec.limits.memoryBytes = mem;
  const pids = both('pids_limit', 'pids', int);
  if (pids) spec.limits.pidsLimit = pids;
  const ulimits = readMap(get(n, 'ulimits'), p('ulimits'), r);
  if (ulimits === undefined || isUnknown(ulimits)) return;
  for (const [name, pair] of ulimits.entries) {
    const v = pair.value;
    const path = `${p('ulimits')}.${name}`;
    const at = locate(pair.key, path);
    if (v.kind === 'map') {
      const soft = numberish(get(v, 'soft'), `${path}.soft`, int, r)?.value;
      const hard = numberish(get(v, 'hard'), `${path}.hard`, int, r)?.value;
      if (typeof soft === 'number' && typeof hard === 'number') spec.limits.ulimits.push({ value: { name, soft, hard }, at });
    } else {
      const both = numberish(v, path, int, r)?.value;
      if (typeof both === 'number') spec.limits.ulimits.push({ value: { name, soft: both, hard: both }, at });
    }
  }
}

/**
 * The command of a healthcheck `test` (ContainerSpec.healthcheckTest): a string, or a list's `CMD-SHELL` string, is the shell
 * form; a list's elements after `CMD` the exec form. Undefined for anything else (already reported by readHealthcheck).
 */
function healthCommand(node: LNode | undefined, path: string): Sourced<CommandLine> | undefined {
  if (isUnset(node)) return undefined;
  const at = locate(node, path);
  if (node.kind === 'scalar') {
    if (!node.unknown && typeof node.value !== 'string') return undefined;
    return { value: { form: 'shell', args: [{ value: commandArg(node), at }] }, at };
  }
  if (node.kind !== 'seq') return undefined;
  const kind = node.items[0];
  const form = kind?.kind === 'scalar' ? (kind.value === 'CMD-SHELL' ? 'shell' : kind.value === 'CMD' ? 'exec' : undefined) : undefined;
  if (form === undefined) return undefined;
  const args: Sourced<CommandArg>[] = [];
  node.items.forEach((item, i) => {
    if (i > 0 && item.kind === 'scalar' && item.value !== null) args.push({ value: commandArg(item), at: locate(item, `${path}[${i}]`) });
  });
  return { value: { form, args }, at };
}

function readHealthcheck(node: LNode | undefined, path: string, spec: ContainerSpec, r: Report): void {
  const hc = readMap(node, path, r);
  if (hc === undefined) return;
  const at = locate(node as LNode, path);
  if (isUnknown(hc)) {
    spec.healthcheck = { value: hc, at };
    return;
  }
  const disable = readBool(get(hc, 'disable'), `${path}.disable`, r);
  if (disable && typeof disable.value === 'object') {
    spec.healthcheck = { value: disable.value, at: disable.at };
    return;
  }
  if (disable?.value === true) {
    spec.healthcheck = { value: 'disabled', at: disable.at };
    return;
  }
  const testNode = get(hc, 'test');
  let cmd: string[] | undefined;
  if (testNode?.kind === 'seq') {
    cmd = readList(testNode, `${path}.test`, r).map(([item, itemPath]) => {
      const t = readText(item, itemPath, r)?.value;
      return typeof t === 'string' ? t : '';
    });
  } else {
    const t = readText(testNode, `${path}.test`, r, 'a string or a list')?.value;
    if (typeof t === 'string') cmd = ['CMD-SHELL', t];
  }
  if (cmd?.[0] === 'NONE') {
    spec.healthcheck = { value: 'disabled', at: locate(testNode as LNode, `${path}.test`) };
    return;
  }
  const h: Healthcheck = { test: cmd ?? [] };
  const command = healthCommand(testNode, `${path}.test`);
  if (command) spec.healthcheckTest = command;
  const dur = (k: 'interval' | 'timeout' | 'start_period', set: (s: number) => void) => {
    const s = numberish(get(hc, k), `${path}.${k}`, parseDuration, r);
    if (s && typeof s.value === 'number') set(s.value);
  };
  dur('interval', (s) => (h.intervalSeconds = s));
  dur('timeout', (s) => (h.timeoutSeconds = s));
  dur('start_period', (s) => (h.startPeriodSeconds = s));
  const retries = numberish(get(hc, 'retries'), `${path}.retries`, int, r);
  if (retries && typeof retries.value === 'number') h.retries = retries.value;
  // A healthcheck without `test` only tunes the image's own HEALTHCHECK: test stays empty.
  spec.healthcheck = { value: h, at };
}

function readRestart(n: LMap, deploy: LMap | undefined, p: (k: string) => string, spec: ContainerSpec, r: Report): void {
  // A value reported as an input error is marked so: the error is its only report (no BW1028 unknown finding).
  let refused = false;
  const bad: Bad = (node, path, message) => {
    refused = true;
    r.bad(node, path, message);
  };
  const policy = restartOf(n, deploy, p, { ...r, bad });
  if (policy === undefined) return;
  spec.restart = refused && isUnknown(policy.value) ? { value: refusedValue(policy.value), at: policy.at } : policy;
}

/** The restart policy of a service: `deploy.restart_policy`, else `restart:`; Unknown when a value is refused (reported). */
function restartOf(n: LMap, deploy: LMap | undefined, p: (k: string) => string, r: Report): Sourced<RestartPolicy> | undefined {
  const rpNode = get(deploy, 'restart_policy');
  const rp = readMap(rpNode, p('deploy.restart_policy'), r);
  if (rp !== undefined) {
    const at = locate(rpNode as LNode, p('deploy.restart_policy'));
    if (isUnknown(rp)) return { value: rp, at };
    const condNode = get(rp, 'condition');
    const cond = readText(condNode, p('deploy.restart_policy.condition'), r)?.value;
    const maxNode = get(rp, 'max_attempts');
    const max = numberish(maxNode, p('deploy.restart_policy.max_attempts'), retryCount(maxNode), r)?.value;
    if (isUnknown(cond)) return { value: cond, at };
    // A refused max_attempts is reported; the policy is then not known (it is not "no bound"). A number beyond 64
    // bits is named as written, not as the double it was read as.
    const float = (maxNode as LScalar | undefined)?.float;
    if (isUnknown(max)) return { value: float === undefined ? max : unknown(`${quoteValue(float)} is not a valid value`, float), at };
    // No condition is an empty policy name, which the Engine takes as no restart policy at all (with any count:
    // moby's ValidateRestartPolicy allows "empty with MaximumRetryCount" for backward compatibility). Swarm's
    // default condition, `any`, applies to `docker stack deploy` only.
    const name = cond === undefined ? '' : restartPolicyName(cond);
    if (!RESTART_POLICY_NAMES.has(name)) {
      r.bad(condNode as LNode, p('deploy.restart_policy.condition'), `${quoteValue(String(cond), (condNode as LScalar).pieces)} ${NOT_A_RESTART_POLICY}`);
      return { value: invalid(condNode as LScalar), at };
    }
    const policy: RestartPolicy = { name };
    if (typeof max !== 'number' || max <= 0) return { value: policy, at };
    // Written as a string, the count is read exact (a YAML integer beyond 2^53 is a double by then).
    const written = maxNode?.kind === 'scalar' && typeof maxNode.value === 'string' ? maxNode.value.trim() : '';
    const count = /^[-+]?\d+$/.test(written) ? retryCountValue(written) : max;
    if (name === '' || name === 'on-failure') {
      if (name === 'on-failure') policy.maximumRetryCount = count;
      return { value: policy, at };
    }
    // `any` or `none` with max_attempts: Swarm conditions. docker compose up gives dockerd `always` (or `no`) with a
    // count, which it refuses ("maximum retry count can only be used with 'on-failure'", moby ValidateRestartPolicy);
    // docker stack deploy restarts the task at most max_attempts times. The only way it runs is Swarm's, so the count
    // is kept as the bound BW1028 judges, and the file gets a warning. `always` and `unless-stopped` are no Swarm
    // conditions: dockerd refuses them with a count, and so does Swarm (compose-spec deploy.md: none, on-failure, any).
    // With `none`, Swarm never restarts the task, whatever max_attempts says (it bounds restarts it would make): the
    // policy stays `no`, with no count, which BW1028 reports as no restart policy.
    if (cond === 'any' || cond === 'none') {
      const swarm = cond === 'none' ? 'never restarts the task (max_attempts is ignored with none)' : `restarts the task at most ${String(count)} times`;
      r.warn(
        maxNode as LNode,
        p('deploy.restart_policy.max_attempts'),
        `condition ${cond} with max_attempts ${String(count)}: docker compose up gives dockerd the policy ${name} with a retry count, which it refuses; docker stack deploy ${swarm}`,
      );
      if (cond === 'any') policy.maximumRetryCount = count;
      return { value: policy, at };
    }
    r.bad(maxNode as LNode, p('deploy.restart_policy.max_attempts'), `max_attempts with condition ${cond}: ${restartCountRefused(name, String(count))}`);
    return { value: invalid(maxNode as LScalar), at };
  }
  const restart = readText(get(n, 'restart'), p('restart'), r);
  if (restart === undefined || isUnknown(restart.value)) return restart as Sourced<RestartPolicy> | undefined;
  return restartFromText(restart.value, get(n, 'restart') as LScalar, p('restart'), r, restart.at);
}

/** The policy names dockerd takes (moby ValidateRestartPolicy), `` (none) included; any other it refuses at create. */
const RESTART_POLICY_NAMES = new Set(['', 'no', 'always', 'unless-stopped', 'on-failure']);

/** Why a policy name outside RESTART_POLICY_NAMES is refused, after the name. */
const NOT_A_RESTART_POLICY =
  'is not a restart policy: docker compose passes it on and dockerd refuses the container (no, always, on-failure[:N] or unless-stopped)';

/**
 * A `restart:` word or `deploy.restart_policy.condition` as docker compose gives it to the Engine
 * (pkg/compose/create.go mapRestartPolicyCondition, for both): `none` is `no`, `any` is `always`; others as written.
 */
function restartPolicyName(word: string): string {
  return word === 'none' ? 'no' : word === 'any' ? 'always' : word;
}

/**
 * `restart:` as docker compose reads it (pkg/compose/create.go getRestartPolicy): the value split at colons, the
 * policy the first part (restartPolicyName: `any` is always, `none` is no), the count the second part read with
 * strconv.Atoi, whose error is dropped: a count that is not an integer (`on-failure:abc`) is 0, no count, and a third
 * part (`on-failure:3:4`) is ignored; each gets a warning. An empty value, or an empty name (`:3`), is no policy
 * (dockerd takes an empty name with any count). A name dockerd does not know (`sometimes`), a count it refuses
 * (restartCountRefused) and one beyond int64 (Atoi's range error is dropped too: compose would pass int64's largest,
 * or its smallest for a negative count) are errors. The count is kept exact (retryCountValue).
 */
function restartFromText(text: string, node: LScalar, path: string, r: Report, at: Location): Sourced<RestartPolicy> {
  const parts = text.split(':');
  const name = restartPolicyName(parts[0] as string);
  const count = parts[1] ?? '';
  const shown = () => quoteValue(text, node.pieces);
  if (!RESTART_POLICY_NAMES.has(name)) {
    r.bad(node, path, `${shown()} ${NOT_A_RESTART_POLICY}`);
    return { value: invalid(node), at };
  }
  const policy: RestartPolicy = { name };
  const integer = /^[-+]?\d+$/.test(count);
  if (count !== '' && !integer)
    r.warn(node, path, `${shown()}: the retry count is not an integer; docker compose drops it, so ${name || 'the policy'} has no retry count`);
  else if (parts.length > 2) r.warn(node, path, `${shown()}: docker compose reads the retry count up to the second colon and ignores the rest`);
  if (name === '' || !integer) return { value: policy, at };
  const refused = restartCountRefused(name, count);
  if (refused !== undefined) {
    // docker compose drops Atoi's range error and passes the count Atoi returns with it (Go strconv.ParseInt: int64's
    // largest, or its smallest for a negative count, which dockerd then refuses as negative) instead of the one written.
    const clamped = count.startsWith('-') ? '-9223372036854775808, which dockerd refuses (negative)' : '9223372036854775807';
    const silently = refused === RETRY_COUNT_OUT_OF_RANGE && name === 'on-failure' ? `; docker compose would silently use ${clamped}` : '';
    r.bad(node, path, `${shown()} is not a restart policy: ${refused}${silently}`);
    return { value: invalid(node), at };
  }
  const value = retryCountValue(count);
  if (value > 0) policy.maximumRetryCount = value;
  return { value: policy, at };
}

/**
 * `deploy.restart_policy.max_attempts`: an integer Docker takes as a retry count (retryCountRefused). A YAML integer
 * is within int64 (go-yaml reads a larger one as a float, which `float` holds as written); a float beyond int64
 * (`1e20`) is out of range too, as is a string's integer.
 */
function retryCount(node: LNode | undefined): NumberParser {
  return (s, pieces) => {
    const written = typeof s === 'string' ? s.trim() : (node as LScalar).float;
    const refuse = (why: string) => new Error(`max_attempts ${quoteValue(written ?? String(s), pieces)}: ${why}`);
    // A YAML integer (no `written`) is within int64; so is one written in digits that isInt64 takes.
    const digits = written !== undefined && /^[-+]?\d+$/.test(written);
    if (digits ? !isInt64(written as string) : written !== undefined && Math.abs(Number(s)) >= 2 ** 63) throw refuse(RETRY_COUNT_OUT_OF_RANGE);
    let n: number;
    try {
      n = int(s, pieces);
    } catch {
      throw refuse('the retry count is not an integer');
    }
    if (n < 0) throw refuse(RETRY_COUNT_NEGATIVE);
    return n;
  };
}

function readLogging(node: LNode | undefined, path: string, spec: ContainerSpec, r: Report): void {
  const logging = readMap(node, path, r);
  if (logging === undefined) return;
  const at = locate(node as LNode, path);
  if (isUnknown(logging)) return void (spec.logging = { value: logging, at });
  const d = readText(get(logging, 'driver'), `${path}.driver`, r)?.value;
  if (isUnknown(d)) return void (spec.logging = { value: d, at });
  const options: Record<string, string> = {};
  const opts = readMap(get(logging, 'options'), `${path}.options`, r);
  if (opts && !isUnknown(opts)) {
    for (const [k, pair] of opts.entries) {
      const v = readTextOrNumber(pair.value, `${path}.options.${k}`, r)?.value;
      if (typeof v === 'string') options[k] = v;
    }
  }
  const cfg: LogConfig = { options };
  if (d !== undefined) cfg.driver = d;
  spec.logging = { value: cfg, at };
}
