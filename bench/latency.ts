// Latency benchmark of the retrieval reads: p50/p95/p99 of workspace message search, session context (with a peer
// target, so the representation and card are built too) and peer representation (with a search query), at several
// corpus sizes. The corpus is written straight into the database (messages with their chunk embeddings from the
// active embedder, conclusions for one view, a card) so that building 100k messages takes minutes, not hours; the
// reads go through the real /v3 route handlers.
//
//   npm run bench:latency                          # sizes 10000,100000, in-process embedded database
//   npm run bench:latency -- --sizes 2000 --runs 20
//   DATABASE_URL=postgres://… npm run bench:latency  # a real server (a fresh workspace per size)
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Prisma } from '@/generated/prisma/client';
import { getDb } from '@/server/db/client';
import { getVectorStorage } from '@/server/db/vector-storage';
import { getModelEngines } from '@/server/models';
import { newInternalId, newPublicId } from '@/server/services/ids';
import { countTokens } from '@/server/services/messages/count-tokens';
import { storeMessageEmbeddings } from '@/server/services/search/store-message-embeddings';
import { embeddingChunks } from '@/server/services/search/embedding-chunks';
import { openBenchApi } from './bench-api';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000' }, runs: { type: 'string', default: '50' } } });
const sizes = values.sizes!.split(',').map(Number);
const runs = Number(values.runs);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) throw new Error('--sizes and --runs take positive integers');

const WORDS = ('coffee morning trip Lisbon dog walk meeting project deadline weekend dinner sister brother moved started finished ' +
  'running garden book reading music guitar lesson office remote team launch release plan idea river cello painting beach ' +
  'hiking recipe bakery museum concert festival train flight hotel market').split(' ');
let seed = 7;
const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const sentence = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
const SESSION_SIZE = 1000;

async function seedCorpus(workspace: string, size: number): Promise<void> {
  const db = getDb();
  const { embedder } = getModelEngines();
  const storage = await getVectorStorage(db);
  const ws = await db.workspace.create({ data: { id: newInternalId(), name: workspace } });
  const peers = await Promise.all(['alice', 'bob'].map((name) => db.peer.create({ data: { id: newInternalId(), workspaceId: ws.id, name } })));
  for (let start = 0; start < size; start += SESSION_SIZE) {
    const session = await db.session.create({ data: { id: newInternalId(), workspaceId: ws.id, name: `s${start / SESSION_SIZE}` } });
    const count = Math.min(SESSION_SIZE, size - start);
    for (let offset = 0; offset < count; offset += 250) {
      const rows = Array.from({ length: Math.min(250, count - offset) }, (_, i) => {
        const content = sentence(8 + Math.floor(next() * 30));
        return { id: newPublicId(), seq: offset + i + 1, content, peer: peers[(offset + i) % 2]!.id };
      });
      await db.$executeRaw`
        INSERT INTO messages (id, workspace_id, session_id, peer_id, seq, content, token_count, created_at)
        VALUES ${Prisma.join(rows.map((r) => Prisma.sql`(${r.id}, ${ws.id}, ${session.id}, ${r.peer}, ${r.seq}, ${r.content},
          ${countTokens(r.content)}, now() - ${`${size - start - r.seq} seconds`}::interval)`))}`;
      const chunks = rows.map((r) => embeddingChunks(r.content, embedder.maxInputTokens));
      const vectors = await embedder.embed(chunks.flat().map((c) => c.text));
      let k = 0;
      await storeMessageEmbeddings(db, storage, embedder.engine, rows.map((r, i) => ({
        messageId: r.id, workspaceId: ws.id, chunks: chunks[i]!, vectors: vectors.slice(k, (k += chunks[i]!.length)),
      })));
    }
    process.stdout.write(`\r  seeded ${Math.min(size, start + SESSION_SIZE)}/${size} messages`);
  }
  const conclusions = Array.from({ length: 300 }, () => sentence(6 + Math.floor(next() * 10)));
  await db.$executeRaw`
    INSERT INTO conclusions (id, workspace_id, observer_id, observed_id, level, origin, content, token_count, times_derived)
    VALUES ${Prisma.join(conclusions.map((c, i) => Prisma.sql`(${newPublicId()}, ${ws.id}, ${peers[0]!.id}, ${peers[0]!.id},
      'explicit', 'deriver', ${c}, ${countTokens(c)}, ${1 + (i % 5)})`))}`;
  await db.peerCard.create({ data: { workspaceId: ws.id, observerId: peers[0]!.id, observedId: peers[0]!.id, entries: ['Name: Alice', 'Lives in Lisbon'] } });
  // Fresh statistics, as autovacuum would have gathered on a server: right after a bulk load the planner still
  // believes the tables are nearly empty and picks nested loops that make every read seconds slower.
  await db.$executeRawUnsafe('ANALYZE');
  process.stdout.write('\n');
}

function percentiles(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return [50, 95, 99].map((p) => at(p).toFixed(1).padStart(8)).join(' | ');
}

async function main(): Promise<void> {
  const api = await openBenchApi({ databaseUrl: process.env.DATABASE_URL });
  const table: string[] = [];
  try {
    for (const size of sizes) {
      const workspace = `latency-${size}-${randomBytes(3).toString('hex')}`;
      console.log(`size ${size}:`);
      await seedCorpus(workspace, size);
      const base = `/v3/workspaces/${workspace}`;
      const sessions = Math.ceil(size / SESSION_SIZE);
      const reads: [string, (i: number) => Promise<unknown>][] = [
        ['message search', (i) => api.post(`${base}/search`, { query: `${sentence(3)} plans`, limit: 10 + (i % 3) }, 200)],
        ['session context', (i) => api.get(`${base}/sessions/s${i % sessions}/context?tokens=4000&peer_target=alice&search_query=${WORDS[i % WORDS.length]}`, 200)],
        ['representation', () => api.post(`${base}/peers/alice/representation`, { search_query: sentence(2), include_most_frequent: true }, 200)],
      ];
      for (const [name, read] of reads) {
        await read(0); // warm-up
        const samples: number[] = [];
        for (let i = 0; i < runs; i += 1) {
          const t0 = performance.now();
          await read(i + 1);
          samples.push(performance.now() - t0);
        }
        table.push(`| ${String(size).padStart(7)} | ${name.padEnd(15)} | ${percentiles(samples)} |`);
        console.log(table.at(-1));
      }
    }
  } finally {
    await api.close();
  }
  console.log(`\nRetrieval latency in ms (${api.describe()}, ${runs} runs each)\n`);
  console.log('|    size | read            |      p50 |      p95 |      p99 |');
  console.log('|---------|-----------------|----------|----------|----------|');
  for (const line of table) console.log(line);
}

await main();
