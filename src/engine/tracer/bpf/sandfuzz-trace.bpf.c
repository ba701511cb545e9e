// SPDX-License-Identifier: GPL-2.0
//
// sandfuzz's syscall tracer, the kernel half (the loader is sandfuzz-trace.c). It reports, per
// mount-namespace life, ABI, syscall and epoch, the first occurrence only, so its output stays
// tiny whatever the load; and it is built so that a syscall costs as little as possible:
//
// - BTF raw tracepoints (tp_btf/sys_enter, sys_exit): the syscall number and registers come as
//   arguments, with no perf-event record built per call as a classic tracepoint does.
// - Tasks outside any seccomp filter (the host's own processes: dockerd, sandfuzz, sshd) leave
//   after one load: runc installs the container's filter right before it executes the
//   entrypoint, so every container task, fork, thread and `docker exec` has seccomp mode 2.
// - A container task finds its mount namespace's state through a per-CPU memo of the last one
//   (two inlined array lookups, no hash) and does one array compare: the state holds, per ABI
//   and syscall number, the epoch it was last reported in. Only a change writes to the ring
//   buffer.
// - A ring buffer, not per-CPU perf buffers: records arrive in the order they were reserved, so
//   once user space reads an epoch marker, every earlier record has been read. Syncing needs no
//   grace period.
//
// Epochs mark sampling units: sandfuzz calls kill(EPOCH_MARK_BASE + epoch, 0) itself, a pid that
// cannot exist; the probe on its own pid turns that into the current epoch.
//
// Namespace inodes are reused once a namespace is freed, so an inode alone does not name a
// container. The kernel numbers mount namespaces uniquely for the whole boot (ns_common.ns_id
// since 6.18, mnt_namespace.seq before): state is keyed by that number, which is printed where
// the bpftrace tracer prints a birth time, and the first sighting of a namespace is reported as
// its birth. So no syscall exit needs watching: attaching sys_exit as well doubles the cost of
// every traced syscall (measured: about +36 ns enter only, +80 ns both, for a cheap syscall).
//
// Output records are turned into text lines by the loader; the format is documented in
// program.ts and parsed by parse-line.ts.

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_tracing.h>
#include <bpf/bpf_core_read.h>

#define EPOCH_MARK_BASE (1 << 30)
#define NR_KILL 62
#define X32_SYSCALL_BIT 0x40000000
#define TS_COMPAT 0x0002
#define SECCOMP_MODE_FILTER 2
#define NRS 512 /* syscall numbers per ABI kept in the array (x86_64 and i386 end below); x32's own go to the hash */
#define ABIS 3
#define MAX_ERRNO 4095
#define ARG_VALUES 3

enum record_kind { REC_MARK = 1, REC_BIRTH, REC_SYSCALL, REC_ARGUMENT, REC_ERROR };

struct record {
	u32 kind;
	u32 epoch;
	u64 mntns;
	u64 born;
	u64 ns;
	u32 abi;
	u32 nr;
	u32 pid;
	u32 code; /* argument probe code, or errno */
	u64 values[ARG_VALUES];
};

/* Per mount namespace: the epoch (+1) each syscall was last reported in. */
struct ns_state {
	u64 owner; /* the namespace's unique number; 0 while the slot is free */
	u32 seen[ABIS][NRS];
	/* The last errno reported per syscall, and in which epoch (+1): EAGAIN storms stay in here. */
	u32 err_seen[ABIS][NRS];
	u16 err_last[ABIS][NRS];
};

/* Which arguments of a native syscall to record: indexes into the six registers, and masks. */
struct arg_spec {
	u32 code; /* 0: none */
	u32 count;
	u32 index[ARG_VALUES];
	u64 mask[ARG_VALUES];
};

struct rare_key {
	u64 mntns;
	u64 born;
	u32 abi;
	u32 nr;
	u32 code; /* errno for error keys, probe code for argument keys, 0 for syscalls beyond NRS */
	u32 pad;
	u64 values[ARG_VALUES];
};

const volatile u32 sandfuzz_pid = 0;
/* Test mode: report every syscall, to prove a ring buffer overrun is caught. */
const volatile bool report_every = false;

u32 epoch = 0;
u64 lost = 0;

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 22);
} events SEC(".maps");

/*
 * Namespace states live in slots of an array, found through a per-CPU memo of the namespace that
 * last ran there: an array lookup is inlined by the verifier, so a syscall of the same container
 * as the last one on its CPU (nearly all of them under load) costs two loads and two compares. A
 * hash lookup per syscall, as before, was the largest part of the program's cost (kernel BPF
 * stats, nginx under load: 43 of 68 ns over an empty program).
 */
#define SLOTS 256

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, SLOTS);
	__type(key, u32);
	__type(value, struct ns_state);
} states SEC(".maps");

/* Which slot each namespace has: looked up only when a CPU's memo misses. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, SLOTS);
	__type(key, u64);
	__type(value, u32);
} slot_of SEC(".maps");

struct memo {
	u64 id;
	u32 slot;
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct memo);
} last_ns SEC(".maps");

/* Slots are handed out round robin: the 257th namespace takes the first one's slot, alive or
 * not (the LRU before evicted the least used instead). A namespace that loses its slot while
 * alive is met again as a birth of the same life and repeats its lines; dead namespaces are
 * never deleted. */
u32 next_slot = 0;

/* An all-zero state to reset a slot from: too large for the BPF stack. */
struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, u32);
	__type(value, struct ns_state);
} zero_state SEC(".maps");

/* Argument tuples, error returns and syscall numbers beyond NRS: rare, so a hash is fine. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 65536);
	__type(key, struct rare_key);
	__type(value, u32);
} rare SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, NRS);
	__type(key, u32);
	__type(value, struct arg_spec);
} arg_specs SEC(".maps");

static __always_inline struct record *reserve(u32 kind)
{
	struct record *r = bpf_ringbuf_reserve(&events, sizeof(*r), 0);
	if (!r) {
		__sync_fetch_and_add(&lost, 1);
		return NULL;
	}
	__builtin_memset(r, 0, sizeof(*r));
	r->kind = kind;
	return r;
}

/* A record about one syscall of one namespace life in the epoch `mark - 1`. */
static __always_inline struct record *reserve_use(u32 kind, u32 mark, u64 mntns, u64 born, u32 abi, u32 nr)
{
	struct record *r = reserve(kind);
	if (!r)
		return NULL;
	r->epoch = mark - 1;
	r->mntns = mntns;
	r->born = born;
	r->abi = abi;
	r->nr = nr;
	return r;
}

/* Before 6.18 the unique number was mnt_namespace.seq. */
struct mnt_namespace___seq {
	u64 seq;
} __attribute__((preserve_access_index));

struct ns_ref {
	u64 inum; /* what /proc/PID/ns/mnt shows: how user space names the container's namespace */
	u64 id;   /* unique for the boot: tells this namespace from earlier ones with the same inode */
};

static __always_inline bool ns_of(struct task_struct *task, struct ns_ref *ref)
{
	struct nsproxy *nsp = task->nsproxy;
	if (!nsp) /* an exiting task */
		return false;
	struct mnt_namespace *mnt = nsp->mnt_ns;
	ref->inum = mnt->ns.inum;
	if (bpf_core_field_exists(mnt->ns.ns_id))
		ref->id = mnt->ns.ns_id;
	else
		ref->id = BPF_CORE_READ((struct mnt_namespace___seq *)mnt, seq);
	return true;
}

/* The namespace's state if it has a slot, remembering the slot for this CPU; NULL if not. */
static __always_inline struct ns_state *known_state(const struct ns_ref *ref, struct memo *memo)
{
	u32 slot = memo->slot;
	struct ns_state *st;
	if (memo->id != ref->id) {
		u32 *found = bpf_map_lookup_elem(&slot_of, &ref->id);
		if (!found)
			return NULL;
		slot = *found;
	}
	st = bpf_map_lookup_elem(&states, &slot);
	/* The owner check also catches a memo whose slot was handed to another namespace since. */
	if (!st || st->owner != ref->id)
		return NULL;
	memo->id = ref->id;
	memo->slot = slot;
	return st;
}

static __always_inline struct ns_state *state_of(const struct ns_ref *ref)
{
	u32 k = 0;
	struct memo *memo = bpf_map_lookup_elem(&last_ns, &k);
	if (!memo)
		return NULL;
	struct ns_state *st = known_state(ref, memo);
	if (st)
		return st;
	/* First sighting of this namespace (or its slot was handed on): take the next slot. */
	u32 slot = __sync_fetch_and_add(&next_slot, 1) % SLOTS;
	struct ns_state *zero = bpf_map_lookup_elem(&zero_state, &k);
	st = bpf_map_lookup_elem(&states, &slot);
	if (!zero || !st)
		return NULL;
	u64 previous = st->owner;
	if (previous)
		bpf_map_delete_elem(&slot_of, &previous);
	bpf_map_update_elem(&states, &slot, zero, BPF_ANY);
	st->owner = ref->id;
	if (bpf_map_update_elem(&slot_of, &ref->id, &slot, BPF_NOEXIST) != 0) {
		/* Another CPU gave it a slot first: use that one (this one stays unowned by any map). */
		st->owner = 0;
		return known_state(ref, memo);
	}
	/* The first sighting of this namespace: its birth, as far as the trace can tell. */
	struct record *r = reserve(REC_BIRTH);
	if (r) {
		r->mntns = ref->inum;
		r->born = ref->id;
		r->ns = bpf_ktime_get_ns();
		bpf_ringbuf_submit(r, 0);
	}
	memo->id = ref->id;
	memo->slot = slot;
	return st;
}

/* Records key once per epoch in the rare map; true if this is the first time in this epoch. */
static __always_inline bool first_in_epoch(struct rare_key *key, u32 mark)
{
	u32 *last = bpf_map_lookup_elem(&rare, key);
	if (last && *last == mark)
		return false;
	bpf_map_update_elem(&rare, key, &mark, BPF_ANY);
	return true;
}

static __always_inline u64 reg_arg(struct pt_regs *regs, u32 index)
{
	switch (index) {
	case 0: return regs->di;
	case 1: return regs->si;
	case 2: return regs->dx;
	case 3: return regs->r10;
	case 4: return regs->r8;
	default: return regs->r9;
	}
}

static __always_inline void record_arguments(struct pt_regs *regs, u32 nr, u64 mntns, u64 born, u32 mark)
{
	struct arg_spec *spec = bpf_map_lookup_elem(&arg_specs, &nr);
	if (!spec || spec->code == 0)
		return;
	struct rare_key key = { .mntns = mntns, .born = born, .abi = 0, .nr = nr, .code = spec->code };
	for (int i = 0; i < ARG_VALUES; i++)
		if (i < spec->count)
			key.values[i] = reg_arg(regs, spec->index[i] & 7) & spec->mask[i];
	if (!first_in_epoch(&key, mark))
		return;
	struct record *r = reserve_use(REC_ARGUMENT, mark, mntns, born, 0, nr);
	if (!r)
		return;
	r->code = spec->code;
	for (int i = 0; i < ARG_VALUES; i++)
		r->values[i] = key.values[i];
	bpf_ringbuf_submit(r, 0);
}

/* The ABI code user space expects (program.ts ABI_CODES) and the number within that ABI. */
static __always_inline u32 abi_of(struct task_struct *task, long id)
{
	if (id & X32_SYSCALL_BIT)
		return 2;
	return (task->thread_info.status & TS_COMPAT) ? 1 : 0;
}

SEC("tp_btf/sys_enter")
int BPF_PROG(sys_enter, struct pt_regs *regs, long id)
{
	struct task_struct *task = bpf_get_current_task_btf();

	if (id < 0) /* no syscall: a tracer asked to skip it */
		return 0;
	if (id == NR_KILL && (bpf_get_current_pid_tgid() >> 32) == sandfuzz_pid) {
		long pid = regs->di;
		if (pid >= EPOCH_MARK_BASE && regs->si == 0) {
			u32 e = pid - EPOCH_MARK_BASE;
			/* Set before the marker is reserved: a record reserved after it carries e or later. */
			epoch = e;
			struct record *r = reserve(REC_MARK);
			if (r) {
				r->epoch = e;
				r->ns = bpf_ktime_get_ns();
				bpf_ringbuf_submit(r, 0);
			}
		}
		return 0;
	}
	if (task->seccomp.mode != SECCOMP_MODE_FILTER)
		return 0;

	struct ns_ref ns;
	if (!ns_of(task, &ns))
		return 0;
	struct ns_state *st = state_of(&ns);
	if (!st)
		return 0;
	u32 abi = abi_of(task, id);
	u32 nr = abi == 2 ? (u32)(id & ~X32_SYSCALL_BIT) : (u32)id;
	u32 mark = epoch + 1;
	u64 mntns = ns.inum, born = ns.id;

	if (abi == 0)
		record_arguments(regs, nr, mntns, born, mark);

	if (nr < NRS) {
		if (st->seen[abi][nr] == mark && !report_every)
			return 0;
		st->seen[abi][nr] = mark;
	} else {
		struct rare_key key = { .mntns = mntns, .born = born, .abi = abi, .nr = nr };
		if (!first_in_epoch(&key, mark) && !report_every)
			return 0;
	}
	struct record *r = reserve_use(REC_SYSCALL, mark, mntns, born, abi, nr);
	if (!r)
		return 0;
	r->ns = bpf_ktime_get_ns();
	r->pid = bpf_get_current_pid_tgid() >> 32;
	bpf_ringbuf_submit(r, 0);
	return 0;
}

/* Error returns, for coverage guidance (--errors): a new errno on a syscall is a new code path. */
SEC("tp_btf/sys_exit")
int BPF_PROG(sys_exit, struct pt_regs *regs, long ret)
{
	struct task_struct *task = bpf_get_current_task_btf();
	if (ret >= 0 || ret < -MAX_ERRNO)
		return 0;
	if (task->seccomp.mode != SECCOMP_MODE_FILTER)
		return 0;
	struct ns_ref ns;
	if (!ns_of(task, &ns))
		return 0;
	u32 k = 0;
	struct memo *memo = bpf_map_lookup_elem(&last_ns, &k);
	struct ns_state *st = memo ? known_state(&ns, memo) : NULL;
	if (!st)
		return 0;
	u64 mntns = ns.inum, born = ns.id;
	long id = regs->orig_ax;
	if (id < 0)
		return 0;
	u32 abi = abi_of(task, id);
	u32 nr = abi == 2 ? (u32)(id & ~X32_SYSCALL_BIT) : (u32)id;
	u32 err = -ret;
	u32 mark = epoch + 1;
	if (nr < NRS) {
		if (st->err_seen[abi][nr] == mark && st->err_last[abi][nr] == err)
			return 0;
		st->err_seen[abi][nr] = mark;
		st->err_last[abi][nr] = err;
	}
	struct rare_key key = { .mntns = mntns, .born = born, .abi = abi, .nr = nr, .code = err, .pad = 1 };
	if (!first_in_epoch(&key, mark))
		return 0;
	struct record *r = reserve_use(REC_ERROR, mark, mntns, born, abi, nr);
	if (!r)
		return 0;
	r->code = err;
	bpf_ringbuf_submit(r, 0);
	return 0;
}

char LICENSE[] SEC("license") = "GPL";
