// Human-readable log output for `npm run dev` (and LOG_FORMAT=pretty): the application always writes JSON lines, and
// this turns them into coloured one-liners; lines that are not JSON (Next's own banner, the launcher's) pass through.
// pino-pretty is a development dependency, so a production install without it keeps JSON and says why.
import type { Writable } from 'node:stream';

const OPTIONS = { colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true };

/** A stream that prettifies JSON log lines onto stdout, or null when pino-pretty is not installed. */
export async function prettyLogStream(): Promise<Writable | null> {
  try {
    const { default: pinoPretty } = await import('pino-pretty');
    return pinoPretty({ ...OPTIONS, sync: true });
  } catch {
    console.warn('[rapport] LOG_FORMAT=pretty needs the pino-pretty development dependency; logging JSON lines');
    return null;
  }
}
