import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A second witness for the tracer, one that cannot drop anything in transit: a separate bpftrace
 * that counts a mount namespace's syscalls in a kernel map (per-CPU counters, no perf buffer, no
 * pipe) and prints the map once, when stopped. What the tracer streamed line by line must be
 * the same set. It selects exactly as the tracer does (seccomp filter, mount namespace).
 */
export interface SyscallCounter {
  /** Stops counting; resolves with the count per native syscall number. */
  stop(): Promise<Map<number, number>>;
}

export async function startSyscallCounter(mntns: bigint, timeoutMs = 60_000): Promise<SyscallCounter> {
  const program = `BEGIN { printf("R\\n"); }
tracepoint:raw_syscalls:sys_enter
/curtask->seccomp.mode == 2 && curtask->nsproxy->mnt_ns->ns.inum == ${mntns} && (args->id & 0x40000000) == 0 && (curtask->thread_info.status & 2) == 0/
{ @n[args->id] = count(); }`;
  const child = spawn('bpftrace', ['-e', program], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const counts = new Map<number, number>();
  const said: string[] = [];
  const closed = new Promise<number | null>((resolve) => child.once('close', resolve));
  child.stderr.setEncoding('utf8').on('data', (c: string) => said.push(c));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`counter did not attach: ${said.join('')}`)), timeoutMs);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'R') clearTimeout(timer), resolve();
      const m = /^@n\[(\d+)\]: (\d+)$/.exec(line);
      if (m) counts.set(Number(m[1]), Number(m[2]));
    });
    void closed.then((code) => (clearTimeout(timer), reject(new Error(`counter exited (${code}): ${said.join('')}`))));
  });
  return {
    async stop() {
      // SIGINT: bpftrace detaches and prints its maps on the way out.
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGINT');
      await closed;
      return counts;
    },
  };
}
