/**
 * Names of the argument values sandfuzz records (linux/socket.h, linux/net.h, linux/prctl.h,
 * asm-generic/ioctls.h), for reports and messages only: rules are built from the numbers.
 * An unknown number prints as itself.
 */

/** AF_* by number; AF_MAX is 46 on Linux 6.1 (AF_MCTP is 45). */
export const SOCKET_FAMILIES: readonly string[] = Object.freeze([
  'AF_UNSPEC',
  'AF_UNIX',
  'AF_INET',
  'AF_AX25',
  'AF_IPX',
  'AF_APPLETALK',
  'AF_NETROM',
  'AF_BRIDGE',
  'AF_ATMPVC',
  'AF_X25',
  'AF_INET6',
  'AF_ROSE',
  'AF_DECnet',
  'AF_NETBEUI',
  'AF_SECURITY',
  'AF_KEY',
  'AF_NETLINK',
  'AF_PACKET',
  'AF_ASH',
  'AF_ECONET',
  'AF_ATMSVC',
  'AF_RDS',
  'AF_SNA',
  'AF_IRDA',
  'AF_PPPOX',
  'AF_WANPIPE',
  'AF_LLC',
  'AF_IB',
  'AF_MPLS',
  'AF_CAN',
  'AF_TIPC',
  'AF_BLUETOOTH',
  'AF_IUCV',
  'AF_RXRPC',
  'AF_ISDN',
  'AF_PHONET',
  'AF_IEEE802154',
  'AF_CAIF',
  'AF_ALG',
  'AF_NFC',
  'AF_VSOCK',
  'AF_KCM',
  'AF_QIPCRTR',
  'AF_SMC',
  'AF_XDP',
  'AF_MCTP',
]);
export const AF_MAX = SOCKET_FAMILIES.length;

export const AF = { UNIX: 1, INET: 2, INET6: 10, KEY: 15, NETLINK: 16, PACKET: 17, ALG: 38, VSOCK: 40, XDP: 44 } as const;

const SOCKET_TYPES: Readonly<Record<number, string>> = {
  1: 'SOCK_STREAM',
  2: 'SOCK_DGRAM',
  3: 'SOCK_RAW',
  4: 'SOCK_RDM',
  5: 'SOCK_SEQPACKET',
  6: 'SOCK_DCCP',
  10: 'SOCK_PACKET',
};
export const SOCK = { STREAM: 1, DGRAM: 2, RAW: 3, SEQPACKET: 5, PACKET: 10 } as const;

const NETLINK_PROTOCOLS: Readonly<Record<number, string>> = {
  0: 'NETLINK_ROUTE',
  2: 'NETLINK_USERSOCK',
  4: 'NETLINK_SOCK_DIAG',
  6: 'NETLINK_XFRM',
  9: 'NETLINK_AUDIT',
  12: 'NETLINK_NETFILTER',
  15: 'NETLINK_KOBJECT_UEVENT',
  16: 'NETLINK_GENERIC',
};

const SOCKOPT_LEVELS: Readonly<Record<number, string>> = {
  0: 'IPPROTO_IP',
  1: 'SOL_SOCKET',
  6: 'IPPROTO_TCP',
  17: 'IPPROTO_UDP',
  41: 'IPPROTO_IPV6',
  270: 'SOL_NETLINK',
};

const PRCTL_OPTIONS: Readonly<Record<number, string>> = {
  1: 'PR_SET_PDEATHSIG',
  2: 'PR_GET_PDEATHSIG',
  3: 'PR_GET_DUMPABLE',
  4: 'PR_SET_DUMPABLE',
  7: 'PR_GET_KEEPCAPS',
  8: 'PR_SET_KEEPCAPS',
  15: 'PR_SET_NAME',
  16: 'PR_GET_NAME',
  21: 'PR_GET_SECCOMP',
  22: 'PR_SET_SECCOMP',
  23: 'PR_CAPBSET_READ',
  24: 'PR_CAPBSET_DROP',
  27: 'PR_GET_SECUREBITS',
  28: 'PR_SET_SECUREBITS',
  36: 'PR_SET_CHILD_SUBREAPER',
  38: 'PR_SET_NO_NEW_PRIVS',
  39: 'PR_GET_NO_NEW_PRIVS',
  47: 'PR_CAP_AMBIENT',
  0x59616d61: 'PR_SET_PTRACER',
  0x53564d41: 'PR_SET_VMA',
};

const IOCTLS: Readonly<Record<number, string>> = {
  0x5401: 'TCGETS',
  0x5402: 'TCSETS',
  0x5403: 'TCSETSW',
  0x540f: 'TIOCGPGRP',
  0x5410: 'TIOCSPGRP',
  0x5412: 'TIOCSTI',
  0x5413: 'TIOCGWINSZ',
  0x5414: 'TIOCSWINSZ',
  0x541b: 'FIONREAD',
  0x541c: 'TIOCLINUX',
  0x5421: 'FIONBIO',
  0x5450: 'FIONCLEX',
  0x5451: 'FIOCLEX',
  0x5452: 'FIOASYNC',
  0x8912: 'SIOCGIFCONF',
  0x8913: 'SIOCGIFFLAGS',
  0x8927: 'SIOCGIFHWADDR',
  0x8933: 'SIOCGIFINDEX',
  0x80045430: 'TIOCGPTN',
};

const PROT_BITS: ReadonlyArray<readonly [number, string]> = [
  [1, 'PROT_READ'],
  [2, 'PROT_WRITE'],
  [4, 'PROT_EXEC'],
];

const named = (table: Readonly<Record<number, string>>, v: number): string => table[v] ?? String(v);
const hex = (v: number): string => `0x${v.toString(16)}`;

export function socketFamilyName(f: number): string {
  return SOCKET_FAMILIES[f] ?? String(f);
}

export function protName(prot: number): string {
  const bits = PROT_BITS.filter(([b]) => (prot & b) !== 0).map(([, n]) => n);
  return bits.length === 0 ? 'PROT_NONE' : bits.join('|');
}

/** A recorded tuple as a call, e.g. `socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE)`. */
export function describeCall(syscall: string, values: readonly number[]): string {
  const v = (i: number): number => values[i] ?? 0;
  switch (syscall) {
    case 'socket':
    case 'socketpair': {
      const protocol = v(0) === AF.NETLINK ? named(NETLINK_PROTOCOLS, v(2)) : String(v(2));
      return `${syscall}(${socketFamilyName(v(0))}, ${named(SOCKET_TYPES, v(1))}, ${protocol})`;
    }
    case 'setsockopt':
    case 'getsockopt':
      return `${syscall}(${named(SOCKOPT_LEVELS, v(0))}, ${v(1)})`;
    case 'prctl':
      return `prctl(${named(PRCTL_OPTIONS, v(0))})`;
    case 'ioctl':
      return `ioctl(${IOCTLS[v(0)] ?? hex(v(0))})`;
    case 'clone':
      return `clone(${hex(v(0))})`;
    case 'personality':
      return `personality(${hex(v(0))})`;
    case 'mmap':
    case 'mprotect':
    case 'pkey_mprotect':
      return `${syscall}(${protName(v(0))})`;
    default:
      return `${syscall}(${values.join(', ')})`;
  }
}
