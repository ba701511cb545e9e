import type { Endpoint } from '../../types.js';
import type { Deadline } from '../../_shared/deadline.js';
import type { RawProbe } from '../unit.js';
import { CLOSED, errorAnswer, REFUSED, TIMEOUT } from './answers.js';
import { errorResponseCode } from './backend-reader.js';
import { cancelRequestPacket, GSSENC_REQUEST_CODE, requestPacket, SSL_REQUEST_CODE, TERMINATE } from './frontend-frames.js';
import { garbageBytes, goodStartup, sessionFlawBytes, startupFlawBytes } from './raw-probe-bytes.js';
import { RawSocket } from './raw-socket.js';

// How long one probe waits for the server to react before calling it silent.
const PROBE_CAP_MS = 2_500;

/** The server neither answered nor closed within the probe's wait. */
export const SILENT = 'silent';
/** The probe dropped the connection itself once the first row arrived. */
export const ABANDONED = 'abandoned';

/**
 * What the server said since message `from`: its first error (SQLSTATE class and code), or
 * `00 ready` (with the number of data rows) once it is ready again, or what became of the socket.
 */
function outcome(socket: RawSocket, from: number): string {
  const messages = socket.reader.messages.slice(from);
  const error = messages.find((m) => m.type === 'E');
  if (error) return errorAnswer(errorResponseCode(error.body) ?? '');
  if (messages.some((m) => m.type === 'Z')) {
    const rows = messages.filter((m) => m.type === 'D').length;
    return rows > 0 ? `00 ready rows=${rows}` : '00 ready';
  }
  return socket.closed ? CLOSED : SILENT;
}

async function negotiate(socket: RawSocket, code: number, deadline: Deadline): Promise<string | null> {
  await socket.write(requestPacket(code), deadline);
  await socket.until(() => socket.reader.buffered > 0, deadline, PROBE_CAP_MS);
  return socket.reader.takeByte();
}

async function runProbe(probe: RawProbe, socket: RawSocket, deadline: Deadline): Promise<string> {
  const settled = (from: number): boolean => socket.indexOf('Z', from) >= 0 || socket.indexOf('E', from) >= 0;
  switch (probe.kind) {
    case 'startup': {
      const { bytes, ending } = startupFlawBytes(probe.flaw);
      await socket.write(bytes, deadline);
      if (ending === 'half-close') socket.end();
      await socket.until(() => settled(0), deadline, PROBE_CAP_MS);
      return outcome(socket, 0);
    }
    case 'ssl-request': {
      const reply = await negotiate(socket, SSL_REQUEST_CODE, deadline);
      if (reply === null) return `${outcome(socket, 0)} ssl=none`;
      // After 'S' the server speaks TLS: its bytes are records, not protocol messages.
      if (reply === 'S') socket.reader.stop();
      if (probe.then === 'close') socket.end();
      else await socket.write(garbageBytes(probe.garbageBytes, probe.seed), deadline);
      await socket.until(() => settled(0), deadline, PROBE_CAP_MS);
      return `${outcome(socket, 0)} ssl=${reply}`;
    }
    case 'gss-request': {
      const reply = await negotiate(socket, GSSENC_REQUEST_CODE, deadline);
      socket.end();
      await socket.until(() => false, deadline, PROBE_CAP_MS);
      return `${outcome(socket, 0)} gss=${reply ?? 'none'}`;
    }
    case 'cancel-request':
      await socket.write(cancelRequestPacket(probe.pid, probe.key), deadline);
      await socket.until(() => false, deadline, PROBE_CAP_MS);
      return outcome(socket, 0);
    case 'session': {
      await socket.write(goodStartup(probe.replication), deadline);
      await socket.until(() => settled(0), deadline, PROBE_CAP_MS);
      if (socket.indexOf('Z') < 0) return outcome(socket, 0);
      const from = socket.reader.messages.length;
      const { bytes, ending } = sessionFlawBytes(probe.flaw);
      await socket.write(bytes, deadline);
      if (ending === 'half-close') socket.end();
      if (ending === 'abandon') {
        await socket.until(() => socket.indexOf('D', from) >= 0 || settled(from), deadline, PROBE_CAP_MS);
        return socket.indexOf('E', from) >= 0 || socket.closed ? outcome(socket, from) : ABANDONED;
      }
      await socket.until(() => socket.indexOf('Z', from) >= 0, deadline, PROBE_CAP_MS);
      const answer = outcome(socket, from);
      await socket.write(TERMINATE, deadline);
      return answer;
    }
  }
}

/** Runs one raw probe on its own socket, which is destroyed before returning. */
export async function executeRawProbe(probe: RawProbe, endpoint: Endpoint, deadline: Deadline): Promise<string> {
  const socket = new RawSocket(endpoint);
  try {
    await socket.until(() => socket.connected, deadline, PROBE_CAP_MS);
    if (!socket.connected) return socket.refused ? REFUSED : socket.closed ? CLOSED : TIMEOUT;
    const answer = await runProbe(probe, socket, deadline);
    return deadline.expired && answer === SILENT ? TIMEOUT : answer;
  } finally {
    socket.destroy();
  }
}
