import { describe, expect, it } from 'vitest';
import { parseKernelLog, parseSeccompRecord } from '../../../src/audit/records.js';

// Lines recorded on this machine (Linux 6.18, no auditd), from dmesg and /dev/kmsg.
const DMESG_LOG =
  '[11219.189705] audit: type=1326 audit(1796154248.338:180): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=32607 comm="sockprobe" exe="/sockprobe" sig=0 arch=c000003e syscall=41 compat=0 ip=0x4011ea code=0x7ffc0000';
const KMSG_I386_KILL =
  '5,21850,11245789975,-;audit: type=1326 audit(1796154274.938:185): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=346 comm="sockprobe" exe="/sockprobe" sig=31 arch=40000003 syscall=102 compat=1 ip=0x401262 code=0x0';
const KMSG_X32 =
  '5,21864,11246106019,-;audit: type=1326 audit(1796154275.254:186): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=432 comm="sockprobe" exe="/sockprobe" sig=31 arch=c000003e syscall=1073741865 compat=0 ip=0x4012b6 code=0x0';
const RUNC =
  '[11334.300510] audit: type=1326 audit(1796154363.446:187): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=1776 comm="runc:[2:INIT]" exe="/" sig=0 arch=c000003e syscall=257 compat=0 ip=0x40828e code=0x7ffc0000';

describe('parseSeccompRecord', () => {
  it('reads a dmesg line: wall-clock stamp, serial, process and the x86_64 syscall it logged', () => {
    expect(parseSeccompRecord(DMESG_LOG)).toEqual({
      timeMs: 1796154248338,
      serial: 180,
      pid: 32607,
      comm: 'sockprobe',
      exe: '/sockprobe',
      arch: 'c000003e',
      abi: 'x86_64',
      syscallNr: 41,
      syscall: 'socket',
      compat: false,
      code: 0x7ffc0000,
      action: 'log',
    });
  });

  it('reads /dev/kmsg lines; i386 through its own arch, x32 through the x32 bit; kills as kill_thread', () => {
    expect(parseSeccompRecord(KMSG_I386_KILL)).toMatchObject({
      abi: 'i386',
      syscallNr: 102,
      syscall: 'socketcall',
      compat: true,
      action: 'kill_thread',
      timeMs: 1796154274938,
    });
    expect(parseSeccompRecord(KMSG_X32)).toMatchObject({ abi: 'x32', syscallNr: 0x40000029, syscall: 'socket', action: 'kill_thread' });
    expect(parseSeccompRecord(RUNC)).toMatchObject({ comm: 'runc:[2:INIT]', exe: '/', syscall: 'openat' });
  });

  it('decodes every action and the hex form audit uses for names with spaces', () => {
    const line = (code: string, extra = '') =>
      DMESG_LOG.replace('code=0x7ffc0000', `code=${code}`).replace('comm="sockprobe"', extra || 'comm="sockprobe"');
    expect(parseSeccompRecord(line('0x80000000'))?.action).toBe('kill_process');
    expect(parseSeccompRecord(line('0x50001'))?.action).toBe('errno');
    expect(parseSeccompRecord(line('0x30000'))?.action).toBe('trap');
    expect(parseSeccompRecord(line('0x7ff00000'))?.action).toBe('trace');
    expect(parseSeccompRecord(line('0x7fc00000'))?.action).toBe('user_notif');
    expect(parseSeccompRecord(line('0x12340000'))?.action).toBeUndefined();
    expect(parseSeccompRecord(line('0x7ffc0000', 'comm=6D7920617070'))?.comm).toBe('my app');
  });

  it('keeps unknown architectures and numbers as they are, without a name', () => {
    const arm = parseSeccompRecord(DMESG_LOG.replace('arch=c000003e', 'arch=C00000B7'));
    expect(arm).toMatchObject({ arch: 'c00000b7', abi: undefined, syscall: undefined, syscallNr: 41 });
    expect(parseSeccompRecord(DMESG_LOG.replace('syscall=41', 'syscall=9999'))).toMatchObject({ abi: 'x86_64', syscall: undefined });
  });

  it('ignores everything else', () => {
    for (const line of [
      '',
      '[11246.168307] docker0: port 1(veth232e736) entered disabled state',
      '6,19766,9973894709,-;docker0: port 1(veth2dd7d02) entered forwarding state',
      '[ 1.0] audit: type=1300 audit(1796154248.338:181): arch=c000003e syscall=41 success=yes',
      DMESG_LOG.replace('pid=32607', 'pid=x'),
      DMESG_LOG.replace(/ code=\S+/, ''),
      'audit: type=1326 audit(garbage): pid=1',
    ]) {
      expect(parseSeccompRecord(line)).toBeUndefined();
    }
  });
});

describe('parseKernelLog', () => {
  it('collects seccomp records, the stamps of every audit record, and the oldest line time', () => {
    const log = parseKernelLog([
      '6,19766,9973894709,-;docker0: port 1(veth2dd7d02) entered forwarding state',
      KMSG_I386_KILL,
      '5,21851,11245790000,-;audit: type=1700 audit(1796154274.940:190): dev=veth0 prom=256 old_prom=0 auid=4294967295 uid=0 gid=0 ses=4294967295',
      KMSG_X32,
    ]);
    expect(log.seccomp.map((r) => r.serial)).toEqual([185, 186]);
    expect(log.stamps).toEqual([
      { type: 1326, timeMs: 1796154274938, serial: 185 },
      { type: 1700, timeMs: 1796154274940, serial: 190 },
      { type: 1326, timeMs: 1796154275254, serial: 186 },
    ]);
    expect(log.oldestLineMs).toBeCloseTo(9973894.709, 3);
    expect(parseKernelLog([DMESG_LOG]).oldestLineMs).toBeCloseTo(11219189.705, 3);
    expect(parseKernelLog(['no stamp here']).oldestLineMs).toBeUndefined();
  });
});
