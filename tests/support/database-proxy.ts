// A TCP proxy between the app and its test database that can be "shut down" and "started" again the way a PostgreSQL
// server is: on stop every open connection receives what a server's fast shutdown sends (FATAL 57P01
// admin_shutdown) and is closed, and new connections are refused (ECONNREFUSED) until start. Lets a test take the
// database away under a running app on either lane, embedded or PostgreSQL 15.
import net from 'node:net';

export type DatabaseProxy = { url: string; stop: () => Promise<void>; start: () => Promise<void>; close: () => Promise<void> };

function adminShutdown(): Buffer {
  const fields = ['SFATAL', 'VFATAL', 'C57P01', 'Mterminating connection due to administrator command'].map((f) => `${f}\0`).join('');
  const body = Buffer.from(`${fields}\0`, 'utf8');
  const out = Buffer.alloc(5 + body.length);
  out.write('E', 0, 'latin1');
  out.writeInt32BE(4 + body.length, 1);
  body.copy(out, 5);
  return out;
}

export async function startDatabaseProxy(targetUrl: string): Promise<DatabaseProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let server: net.Server | null = null;
  let port = 0;

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const created = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        const pair = { client, upstream };
        sockets.add(pair);
        client.pipe(upstream);
        upstream.pipe(client);
        const drop = () => {
          sockets.delete(pair);
          client.destroy();
          upstream.destroy();
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
      });
      created.once('error', reject);
      created.listen(port, '127.0.0.1', () => {
        port = (created.address() as net.AddressInfo).port;
        server = created;
        resolve();
      });
    });

  const stop = async () => {
    const closing = server;
    server = null;
    const closed = closing ? new Promise<void>((resolve) => closing.close(() => resolve())) : Promise.resolve();
    for (const pair of [...sockets]) {
      pair.upstream.unpipe(pair.client);
      pair.client.write(adminShutdown(), () => pair.client.destroy());
      pair.upstream.destroy();
      sockets.delete(pair);
    }
    await closed;
  };

  await listen();
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return { url: url.toString(), stop, start: listen, close: stop };
}
