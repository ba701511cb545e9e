// SPDX-License-Identifier: GPL-2.0
//
// sandfuzz's syscall tracer, the user half: loads sandfuzz-trace.bpf.c, attaches it, and turns its
// ring-buffer records into the text lines the bpftrace tracer printed (program.ts documents them,
// parse-line.ts reads them), so the engine sees one format whichever tracer runs.
//
// Usage: sandfuzz-trace --pid PID [--arg NR:CODE:IDX/MASK[,IDX/MASK...]]... [--ringbuf-bytes N]
//                       [--errors] [--every]
//   --pid     the sandfuzz process whose kill(EPOCH_MARK_BASE + e, 0) calls mark epochs
//   --arg     record these arguments (register index, mask) of native syscall NR under CODE
//             (argument-probes.ts is the table; bpftrace-free, so the TypeScript side passes it)
//   --errors  also report error returns (E lines): attaches sys_exit, which doubles the cost
//   --every   report every syscall, not the first per epoch (tests that overrun the buffer)
//
// It dies with its parent (PR_SET_PDEATHSIG), prints "R" once attached, and "Lost N events" as
// soon as the kernel side could not reserve a record: the trace is then incomplete.

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include <bpf/bpf.h>
#include <linux/types.h>
/* The skeleton names the BPF side's globals by their kernel type names. */
typedef __u32 u32;
typedef __u64 u64;
#include "sandfuzz-trace.skel.h"

enum record_kind { REC_MARK = 1, REC_BIRTH, REC_SYSCALL, REC_ARGUMENT, REC_ERROR };

struct record {
	unsigned int kind, epoch;
	unsigned long long mntns, born, ns;
	unsigned int abi, nr, pid, code;
	unsigned long long values[3];
};

struct arg_spec {
	unsigned int code, count, index[3];
	unsigned long long mask[3];
};

static volatile sig_atomic_t exiting;
static int wrote;

static void on_signal(int sig)
{
	(void)sig;
	exiting = 1;
}

static int on_record(void *ctx, void *data, size_t size)
{
	const struct record *r = data;
	(void)ctx;
	if (size < sizeof(*r))
		return 0;
	wrote = 1;
	switch (r->kind) {
	case REC_MARK:
		printf("M %u %llu\n", r->epoch, r->ns);
		break;
	case REC_BIRTH:
		/* The namespace's unique id stands where bpftrace prints a birth time: both name the life. */
		printf("N %llu %llu\n", r->mntns, r->born);
		break;
	case REC_SYSCALL:
		printf("S %llu %llu %u %u %u %llu %u\n", r->mntns, r->born, r->abi, r->nr, r->epoch, r->ns, r->pid);
		break;
	case REC_ARGUMENT:
		printf("A %llu %llu %u %llu %llu %llu %u\n", r->mntns, r->born, r->code, r->values[0], r->values[1], r->values[2],
		       r->epoch);
		break;
	case REC_ERROR:
		printf("E %llu %llu %u %u %u %u\n", r->mntns, r->born, r->abi, r->nr, r->code, r->epoch);
		break;
	}
	return 0;
}

static int quiet_libbpf(enum libbpf_print_level level, const char *fmt, va_list args)
{
	return level == LIBBPF_WARN ? vfprintf(stderr, fmt, args) : 0;
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "ERROR: %s: %s\n", what, strerror(err < 0 ? -err : err));
	return 1;
}

/* "41:1:0/0xffffffff,1/0xf,2/0xffffffff" -> nr 41, code 1, three (index, mask) pairs. */
static int parse_arg(const char *text, unsigned int *nr, struct arg_spec *spec)
{
	char *end;
	memset(spec, 0, sizeof(*spec));
	*nr = strtoul(text, &end, 0);
	if (*end != ':')
		return -1;
	spec->code = strtoul(end + 1, &end, 0);
	if (*end != ':' || spec->code == 0)
		return -1;
	do {
		if (spec->count == 3)
			return -1;
		spec->index[spec->count] = strtoul(end + 1, &end, 0);
		if (*end != '/' || spec->index[spec->count] > 5)
			return -1;
		spec->mask[spec->count] = strtoull(end + 1, &end, 0);
		spec->count++;
	} while (*end == ',');
	return *end == '\0' && *nr < 512 ? 0 : -1;
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "pid", required_argument, NULL, 'p' },   { "arg", required_argument, NULL, 'a' },
		{ "ringbuf-bytes", required_argument, NULL, 'r' }, { "every", no_argument, NULL, 'e' },
		{ "errors", no_argument, NULL, 'n' },   { NULL, 0, NULL, 0 },
	};
	struct arg_spec specs[64];
	unsigned int spec_nrs[64], nspecs = 0, pid = 0, ringbuf_bytes = 0;
	int every = 0, errors = 0, opt, err;

	while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
		switch (opt) {
		case 'p': pid = strtoul(optarg, NULL, 10); break;
		case 'a':
			if (nspecs == 64 || parse_arg(optarg, &spec_nrs[nspecs], &specs[nspecs]) != 0) {
				fprintf(stderr, "ERROR: bad --arg %s\n", optarg);
				return 2;
			}
			nspecs++;
			break;
		case 'r': ringbuf_bytes = strtoul(optarg, NULL, 0); break;
		case 'e': every = 1; break;
		case 'n': errors = 1; break;
		default: return 2;
		}
	}
	if (pid == 0) {
		fprintf(stderr, "ERROR: --pid is required\n");
		return 2;
	}
	/* Never outlive sandfuzz: a tracer left attached would slow every syscall on the host. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() == 1)
		return 1;
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	static char out[1 << 16];
	setvbuf(stdout, out, _IOFBF, sizeof(out));
	libbpf_set_print(quiet_libbpf);

	struct sandfuzz_trace_bpf *skel = sandfuzz_trace_bpf__open();
	if (!skel)
		return fail("cannot open the BPF object", errno);
	skel->rodata->sandfuzz_pid = pid;
	skel->rodata->report_every = every;
	if (ringbuf_bytes && (err = bpf_map__set_max_entries(skel->maps.events, ringbuf_bytes)))
		return fail("bad --ringbuf-bytes (a power of two, at least the page size)", err);
	if (!errors)
		bpf_program__set_autoload(skel->progs.sys_exit, false);
	if ((err = sandfuzz_trace_bpf__load(skel)))
		return fail("cannot load the BPF programs (kernel BTF, root, and a 5.12+ kernel are needed)", err);
	for (unsigned int i = 0; i < nspecs; i++)
		if ((err = bpf_map__update_elem(skel->maps.arg_specs, &spec_nrs[i], sizeof(unsigned int), &specs[i], sizeof(specs[i]), 0)))
			return fail("cannot fill the argument table", err);
	if ((err = sandfuzz_trace_bpf__attach(skel)))
		return fail("cannot attach the BPF programs", err);
	struct ring_buffer *rb = ring_buffer__new(bpf_map__fd(skel->maps.events), on_record, NULL, NULL);
	if (!rb)
		return fail("cannot open the ring buffer", errno);

	printf("R\n");
	fflush(stdout);
	unsigned long long reported = 0;
	while (!exiting) {
		err = ring_buffer__poll(rb, 100);
		if (err < 0 && err != -EINTR) {
			fail("ring buffer poll", err);
			break;
		}
		unsigned long long lost = __atomic_load_n(&skel->bss->lost, __ATOMIC_RELAXED);
		if (lost > reported) {
			printf("Lost %llu events\n", lost - reported);
			reported = lost;
			wrote = 1;
		}
		if (wrote) {
			fflush(stdout);
			wrote = 0;
		}
	}
	ring_buffer__consume(rb);
	fflush(stdout);
	ring_buffer__free(rb);
	sandfuzz_trace_bpf__destroy(skel);
	return 0;
}
