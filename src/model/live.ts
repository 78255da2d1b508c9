import type { ContainerSpec } from './container.js';
import type { Sourced } from './location.js';

/** A container's run state, from container inspect `State` (Engine API 1.41). */
export interface LiveState {
  /** `created`, `running`, `paused`, `restarting`, `removing`, `exited`, `dead`. */
  status: string;
  running: boolean;
  restarting: boolean;
  /** True when the kernel OOM killer ended the container's last run (`State.OOMKilled`). */
  oomKilled: boolean;
  exitCode?: number;
  /** `State.Health`; absent when the container has no health check. */
  health?: { status: 'starting' | 'healthy' | 'unhealthy' | 'none'; failingStreak: number };
}

/** What the image a live container runs says about itself (image inspect), kept for live rules. */
export interface LiveImage {
  /** Image id, `sha256:<hex>`. */
  id: string;
  /** Creation time as an ISO 8601 string (image `Created`); absent when the engine gave none. */
  created?: Sourced<string>;
  repoTags: string[];
  /** Where the image was pulled from; empty for local builds. Says nothing about what `Config.Image` pins. */
  repoDigests: string[];
}

/**
 * Facts only a running engine knows about a container (Engine API container inspect, image inspect,
 * network inspect), beside its ContainerSpec. Live rules read these; runtime rules ignore them.
 */
export interface LiveFacts {
  /** Full container id. */
  id: string;
  state: Sourced<LiveState>;
  /** `RestartCount`: how many times the engine restarted the container since it was created. */
  restartCount: Sourced<number>;
  /** The image the container runs, when image inspect answered. */
  image?: LiveImage;
  /** Networks the container is attached to (`NetworkSettings.Networks`), by name, with their location. */
  attachedNetworks: Sourced<string>[];
  /**
   * Whether inter-container communication is on for the engine's default `bridge` network
   * (network option `com.docker.network.bridge.enable_icc`); undefined when not known.
   */
  defaultBridgeIcc?: boolean;
  /** When the audit read the engine (ISO 8601), so that age rules stay pure (no clock in rules). */
  auditedAt: string;
}

/** A live container: its settings as a ContainerSpec (origin `engine`) plus what only a live engine knows. */
export interface LiveContainerSpec extends ContainerSpec {
  live: LiveFacts;
}

/** True when a ContainerSpec carries live facts (it came from a running engine). */
export function isLiveContainer(c: ContainerSpec): c is LiveContainerSpec {
  return (c as Partial<LiveContainerSpec>).live !== undefined;
}
