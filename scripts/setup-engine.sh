#!/usr/bin/env bash
# Installs and starts a real Docker Engine (Debian docker.io, dockerd 20.10) and builds the
# local test images. Idempotent: safe to run again. Needs root (apt-get, dockerd).
# See docs/development.md and ../shared/ENGINE.md for why each step is here.
set -euo pipefail

log() { printf 'setup-engine: %s\n' "$*" >&2; }

need_install=()
command -v dockerd >/dev/null 2>&1 || need_install+=(docker.io)
[ -x /bin/busybox ] && /bin/busybox --help 2>&1 | grep -q static || need_install+=(busybox-static)
if [ "${#need_install[@]}" -gt 0 ]; then
  log "installing ${need_install[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need_install[@]}" >/dev/null
fi

if ! docker version >/dev/null 2>&1; then
  log "starting dockerd"
  setsid dockerd >/tmp/bulwark-dockerd.log 2>&1 < /dev/null &
  for _ in $(seq 1 60); do
    docker version >/dev/null 2>&1 && break
    sleep 0.5
  done
  docker version >/dev/null 2>&1 || { log "dockerd did not start; see /tmp/bulwark-dockerd.log"; tail -20 /tmp/bulwark-dockerd.log >&2; exit 1; }
fi

# docker0 can vanish when a second daemon stops (ENGINE.md); recreate it when missing.
if ! ip link show docker0 >/dev/null 2>&1; then
  log "recreating the docker0 bridge"
  ip link add docker0 type bridge && ip addr add 172.17.0.1/16 dev docker0 && ip link set docker0 up || true
fi

# Local test image: busybox imported from a folder (no registry is reachable).
if ! docker image inspect bulwark-test/busybox:1 >/dev/null 2>&1; then
  log "building image bulwark-test/busybox:1"
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  for app in sh sleep id cat ls echo true false wget nc; do ln -s busybox "$rootfs/bin/$app"; done
  printf 'root:x:0:0:root:/root:/bin/sh\napp:x:10001:10001:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$rootfs/etc/passwd"
  printf 'root:x:0:\napp:x:10001:\nnogroup:x:65534:\n' > "$rootfs/etc/group"
  tar -C "$rootfs" -c . | docker import -c 'CMD ["/bin/sh"]' - bulwark-test/busybox:1 >/dev/null
  rm -rf "$rootfs"
fi
log "engine ready: $(docker version --format '{{.Server.Version}} (API {{.Server.APIVersion}})')"
