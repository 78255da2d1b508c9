import type { EngineClient } from './client.js';
import { EngineError } from './errors.js';
import type { ContainerInspect, ContainerSummary, ImageInspect, NetworkInspect, SystemInfo } from './inspect-types.js';

/** What to read from an engine. */
export interface ReadOptions {
  /** Include stopped containers (`docker ps --all`). */
  all?: boolean;
  /** Engine list filters (`label=env=prod`, `name=api`), passed to `GET /containers/json?filters=`. */
  filters?: Record<string, string[]>;
  /** Requests in flight at once; default 16. */
  concurrency?: number;
  /** Read `docker info` (daemon facts); default true. */
  info?: boolean;
  /** Called after each container inspect, for a progress indicator. */
  onProgress?: (done: number, total: number) => void;
}

/** Everything one audit reads from an engine, as the engine answered it. */
export interface EngineSnapshot {
  containers: ContainerInspect[];
  /** Image inspect answers by image id (one request per distinct image). */
  images: Map<string, ImageInspect>;
  info?: SystemInfo;
  /** The default `bridge` network, when it exists. */
  bridge?: NetworkInspect;
  /** Containers listed but gone before they could be inspected (removed meanwhile). */
  vanished: number;
  /** Images that could not be inspected (removed meanwhile), by id. */
  missingImages: string[];
}

/**
 * Runs `fn` over `items` with at most `limit` calls in flight, keeping the order of results.
 * Used so that hundreds of containers are inspected in parallel without opening hundreds of sockets.
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}

/**
 * Reads an engine for an audit: one list call, one inspect per container and per distinct image, one
 * `info`, one network inspect; all bounded by `concurrency`, and nothing spawned. A container or image
 * removed between the list and its inspect (HTTP 404) is counted and skipped, not an error.
 * @throws EngineError for transport failures and other API errors.
 */
export async function readEngine(client: EngineClient, opts: ReadOptions = {}): Promise<EngineSnapshot> {
  const limit = opts.concurrency ?? 16;
  const query: Record<string, string> = {};
  if (opts.all) query.all = '1';
  if (opts.filters && Object.keys(opts.filters).length > 0) query.filters = JSON.stringify(opts.filters);
  const [list, info, bridge] = await Promise.all([
    client.get<ContainerSummary[]>('/containers/json', query),
    opts.info === false ? Promise.resolve(undefined) : client.get<SystemInfo>('/info'),
    client.get<NetworkInspect>('/networks/bridge').catch((e: unknown) => {
      if (e instanceof EngineError && e.code === 'api') return undefined;
      throw e;
    }),
  ]);
  let done = 0;
  let vanished = 0;
  const imageIds = new Set<string>();
  const inspected = await mapBounded(list, limit, async (c) => {
    try {
      const j = await client.get<ContainerInspect>(`/containers/${encodeURIComponent(c.Id)}/json`);
      if (j.Image) imageIds.add(j.Image);
      return j;
    } catch (e) {
      if (e instanceof EngineError && e.status === 404) {
        vanished++;
        return undefined;
      }
      throw e;
    } finally {
      opts.onProgress?.(++done, list.length);
    }
  });
  const images = new Map<string, ImageInspect>();
  const missingImages: string[] = [];
  await mapBounded([...imageIds], limit, async (id) => {
    try {
      images.set(id, await client.get<ImageInspect>(`/images/${encodeURIComponent(id)}/json`));
    } catch (e) {
      if (e instanceof EngineError && e.status === 404) missingImages.push(id);
      else throw e;
    }
  });
  const snap: EngineSnapshot = { containers: inspected.filter((c): c is ContainerInspect => c !== undefined), images, vanished, missingImages };
  if (info) snap.info = info;
  if (bridge) snap.bridge = bridge;
  return snap;
}

/** Reads every local image (`docker images`), one inspect each, bounded by `concurrency`. */
export async function readImages(client: EngineClient, concurrency = 16): Promise<ImageInspect[]> {
  const list = await client.get<{ Id: string }[]>('/images/json');
  const out = await mapBounded(list, concurrency, async (img) => {
    try {
      return await client.get<ImageInspect>(`/images/${encodeURIComponent(img.Id)}/json`);
    } catch (e) {
      if (e instanceof EngineError && e.status === 404) return undefined;
      throw e;
    }
  });
  return out.filter((i): i is ImageInspect => i !== undefined);
}

/** Whether icc is on for a bridge network: the option defaults to true when absent. */
export function bridgeIcc(net: NetworkInspect | undefined): boolean | undefined {
  if (!net) return undefined;
  const v = net.Options?.['com.docker.network.bridge.enable_icc'];
  return v === undefined ? true : v === 'true';
}
