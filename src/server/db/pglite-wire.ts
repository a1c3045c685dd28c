import 'server-only';
// The few pieces of the PostgreSQL wire protocol (v3) that the embedded database's socket layer speaks itself:
// password authentication, error replies, and following the backend's ReadyForQuery to know when the shared backend
// is idle again. Everything else is passed to PGlite untouched.

/** Protocol version 3.0, the second int of a StartupMessage. */
const PROTOCOL_3 = 196_608;

export const SYNC_MESSAGE = new Uint8Array([0x53, 0, 0, 0, 4]);

export function isStartupMessage(message: Uint8Array): boolean {
  if (message.length < 8) return false;
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  return view.getInt32(4) === PROTOCOL_3;
}

/** The `user` of a StartupMessage (its parameters are NUL-terminated name/value pairs after the version). */
export function startupUser(message: Uint8Array): string {
  const parts = Buffer.from(message.subarray(8)).toString('utf8').split('\0');
  for (let i = 0; i + 1 < parts.length; i += 2) if (parts[i] === 'user') return parts[i + 1] ?? '';
  return '';
}

/** A frontend or backend message: type byte, int32 length (itself included), body. */
export function typedMessage(type: string, body: Uint8Array): Uint8Array {
  const out = Buffer.alloc(5 + body.length);
  out.write(type, 0, 'latin1');
  out.writeInt32BE(4 + body.length, 1);
  out.set(body, 5);
  return out;
}

/** The body of a PasswordMessage (a NUL-terminated string). */
export function passwordOf(message: Uint8Array): string {
  return Buffer.from(message.subarray(5)).toString('utf8').replace(/\0$/, '');
}

/** AuthenticationMD5Password with its 4-byte salt. */
export function md5PasswordRequest(salt: Uint8Array): Uint8Array {
  const body = Buffer.alloc(8);
  body.writeInt32BE(5, 0);
  body.set(salt, 4);
  return typedMessage('R', body);
}

/** ErrorResponse with severity, SQLSTATE and message, the fields every client reads. */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, message: string): Uint8Array {
  const fields = [`S${severity}`, `V${severity}`, `C${code}`, `M${message}`].map((field) => `${field}\0`).join('');
  return typedMessage('E', Buffer.from(`${fields}\0`, 'utf8'));
}

/** A simple-protocol Query message. */
export function queryMessage(sql: string): Uint8Array {
  return typedMessage('Q', Buffer.from(`${sql}\0`, 'utf8'));
}

/**
 * Reads a stream of backend messages (possibly split across chunks) and remembers the transaction status of the last
 * ReadyForQuery: `I` idle, `T` in a transaction, `E` in a failed transaction; null when none has been seen.
 */
export class ReadyForQueryTracker {
  status: 'I' | 'T' | 'E' | null = null;
  private header = Buffer.alloc(5);
  private headerBytes = 0;
  private remaining = 0;
  private type = 0;

  feed(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining > 0) {
        if (this.type === 0x5a) this.status = String.fromCharCode(chunk[offset] ?? 0x49) as 'I' | 'T' | 'E';
        const take = Math.min(this.remaining, chunk.length - offset);
        offset += take;
        this.remaining -= take;
        this.type = 0;
        continue;
      }
      this.header[this.headerBytes] = chunk[offset] ?? 0;
      this.headerBytes += 1;
      offset += 1;
      if (this.headerBytes === 5) {
        this.headerBytes = 0;
        this.type = this.header[0] ?? 0;
        this.remaining = this.header.readInt32BE(1) - 4;
      }
    }
  }
}

/**
 * The SQL text of a Query or Parse message, or null for other messages. A Parse body is the statement name, then the
 * query, each NUL-terminated.
 */
export function sqlOf(message: Uint8Array): string | null {
  const type = message[0];
  if (type !== 0x51 /* Q */ && type !== 0x50 /* P */) return null;
  const body = Buffer.from(message.subarray(5));
  let start = 0;
  if (type === 0x50) start = body.indexOf(0) + 1;
  const end = body.indexOf(0, start);
  return body.toString('utf8', start, end === -1 ? body.length : end);
}

/** The same Query or Parse message with its SQL replaced (a Parse keeps its statement name and declares no types). */
export function withSql(message: Uint8Array, sql: string): Uint8Array {
  if (message[0] === 0x51) return queryMessage(sql);
  const body = Buffer.from(message.subarray(5));
  const name = body.subarray(0, body.indexOf(0) + 1);
  return typedMessage('P', Buffer.concat([name, Buffer.from(`${sql}\0`, 'utf8'), Buffer.alloc(2)]));
}
