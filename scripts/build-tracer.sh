#!/usr/bin/env bash
# Builds sandfuzz's libbpf tracer (src/engine/tracer/bpf) into dist/tracer/sandfuzz-trace, against
# this machine's kernel BTF (CO-RE: the object relocates to the running kernel when loaded).
# Needs clang, bpftool, libbpf-dev, libelf-dev and zlib1g-dev (scripts/bootstrap.sh installs them).
# Safe to run again: rebuilds only when a source is newer than the binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="$root/src/engine/tracer/bpf"
out="$root/dist/tracer"
bin="$out/sandfuzz-trace"

for tool in clang bpftool cc; do
  command -v "$tool" >/dev/null || { echo "build-tracer: $tool is missing (run npm run setup)" >&2; exit 69; }
done
if [[ ! -r /sys/kernel/btf/vmlinux ]]; then
  echo "build-tracer: this kernel has no BTF (/sys/kernel/btf/vmlinux): the libbpf tracer cannot run here" >&2
  exit 69
fi
if [[ -x "$bin" && "$bin" -nt "$src/sandfuzz-trace.bpf.c" && "$bin" -nt "$src/sandfuzz-trace.c" && "$bin" -nt "$0" ]]; then
  exit 0
fi
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bpftool btf dump file /sys/kernel/btf/vmlinux format c > "$work/vmlinux.h"
# -mcpu=v3: the program hands out namespace slots with an atomic fetch-and-add (kernel 5.12+).
clang -g -O2 -Wall -target bpf -mcpu=v3 -D__TARGET_ARCH_x86 -I "$work" -c "$src/sandfuzz-trace.bpf.c" -o "$work/sandfuzz-trace.bpf.o"
bpftool gen skeleton "$work/sandfuzz-trace.bpf.o" name sandfuzz_trace_bpf > "$work/sandfuzz-trace.skel.h"
cc -O2 -Wall -I "$work" "$src/sandfuzz-trace.c" -o "$work/sandfuzz-trace" -lbpf -lelf -lz
mv "$work/sandfuzz-trace" "$bin"
echo "build-tracer: built $bin"
