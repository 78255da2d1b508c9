import type { ImageSpec, Sourced } from '../../model/index.js';
import { healthcheckOf } from './container.js';
import type { ImageInspect } from './inspect-types.js';
import { type JsonLocator, type JsonPath, jsonLocation } from './json-path.js';

/**
 * Maps an image inspect answer (`GET /images/{name}/json`) to an ImageSpec with origin `image`, located as
 * `image:NAME` plus the JSON path (`Config.User`). `name` is the first tag, else the short id.
 * An empty `Config.User` is left absent: the image runs as root (ImageSpec: absent means root).
 */
export function imageToSpec(j: ImageInspect, locate?: JsonLocator): ImageSpec {
  const name = j.RepoTags?.find((t) => t !== '<none>:<none>') ?? (j.Id ?? 'unknown').replace(/^sha256:/, '').slice(0, 12);
  const source = `image:${name}`;
  const s = <T>(value: T, ...path: JsonPath): Sourced<T> => ({ value, at: jsonLocation(source, path, locate) });
  const cfg = j.Config ?? {};
  const spec: ImageSpec = { name, origin: 'image', at: jsonLocation(source, ['Id'], locate), env: [], exposedPorts: [], labels: [] };
  if (cfg.User) spec.user = s(cfg.User, 'Config', 'User');
  if (cfg.Healthcheck?.Test && cfg.Healthcheck.Test.length > 0) spec.healthcheck = s(healthcheckOf(cfg.Healthcheck), 'Config', 'Healthcheck');
  (cfg.Env ?? []).forEach((e, i) => {
    const eq = e.indexOf('=');
    spec.env.push(s(eq === -1 ? { name: e } : { name: e.slice(0, eq), value: e.slice(eq + 1) }, 'Config', 'Env', i));
  });
  for (const p of Object.keys(cfg.ExposedPorts ?? {})) spec.exposedPorts.push(s(p, 'Config', 'ExposedPorts', p));
  for (const [k, v] of Object.entries(cfg.Labels ?? {})) spec.labels.push(s([k, v] as [string, string], 'Config', 'Labels', k));
  if (j.Created) spec.created = s(j.Created, 'Created');
  return spec;
}
