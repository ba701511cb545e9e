#!/usr/bin/env bash
# Prepares a Debian/Ubuntu host (as root) for sandfuzz: installs what is missing, mounts tracefs
# and debugfs, and starts dockerd in the background when no Docker engine answers. Idempotent:
# every step checks first and does nothing when its work is already done.
set -euo pipefail

log() { printf 'setup: %s\n' "$*"; }

if [ "$(id -u)" -ne 0 ]; then
  echo "setup: must run as root (sudo npm run setup)" >&2
  exit 77
fi
if ! command -v apt-get >/dev/null; then
  echo "setup: needs apt-get (Debian or Ubuntu); install docker, bpftrace, mmdebstrap by hand" >&2
  exit 69
fi

# Command or file -> Debian package that provides it.
need=()
want() { if ! { command -v "$1" >/dev/null 2>&1 || [ -e "$1" ]; }; then need+=("$2"); fi; }
want dockerd docker.io
want bpftrace bpftrace
want mmdebstrap mmdebstrap
want setpriv util-linux
want gcc gcc                       # the tests compile a tiny probe program
want go golang-go                  # the tests' Go fixture image (a static file server)
want /usr/include/x86_64-linux-gnu/asm/unistd_64.h linux-libc-dev
want /usr/share/gocode/src/github.com/docker/docker/profiles/seccomp/default.json golang-github-docker-docker-dev
want strace strace                    # the tracer fidelity test's independent witness
want clang clang                      # the libbpf tracer (scripts/build-tracer.sh) ...
want llvm-strip llvm
want bpftool bpftool
want /usr/include/bpf/libbpf.h libbpf-dev
want /usr/include/libelf.h libelf-dev
want /usr/include/zlib.h zlib1g-dev
want chromium chromium                # the HTML report's browser test
want /usr/share/fonts/truetype/liberation fonts-liberation
want /usr/share/fonts/truetype/dejavu fonts-dejavu-core

if [ ${#need[@]} -gt 0 ]; then
  log "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  log "packages present"
fi

mountpoint -q /sys/kernel/tracing || { log "mounting tracefs"; mount -t tracefs tracefs /sys/kernel/tracing; }
mountpoint -q /sys/kernel/debug || { log "mounting debugfs"; mount -t debugfs debugfs /sys/kernel/debug; }

# The default tracer is built here, against this kernel's BTF (no network needed).
bash "$(dirname "$0")/build-tracer.sh"

engine_up() { timeout 5 docker version --format '{{.Server.Version}}' >/dev/null 2>&1; }
if engine_up; then
  log "Docker engine $(docker version --format '{{.Server.Version}}') answers"
else
  log "starting dockerd (log: /var/log/sandfuzz-dockerd.log)"
  setsid dockerd >/var/log/sandfuzz-dockerd.log 2>&1 </dev/null &
  for _ in $(seq 1 60); do engine_up && break; sleep 0.5; done
  engine_up || { echo "setup: dockerd did not answer within 30 s; see /var/log/sandfuzz-dockerd.log" >&2; exit 69; }
  log "Docker engine $(docker version --format '{{.Server.Version}}') answers"
fi
