// The vector leg without pgvector, old against new (docs/vector-search.md): the exact scan that evaluated
// rapport_cosine_distance over every embedding of the workspace, the signature pass (Hamming distance over 1024-bit
// signatures, exact cosine for the best few hundred) over the whole workspace, and the same pass over the
// inverted-file lists nearest to the query after the lists are trained, for several probe counts (--probes 8,16,…). Corpus: LoCoMo turns replayed under other speaker names, each
// replay with ~15 % of the words dropped and half the turns extended by words of another turn (otherwise the corpus is
// 36 identical copies of 2,760 turns and every top 10 is one turn ten times); embedded with the offline hashed n-gram
// embedder. Queries: LoCoMo questions. Recall is measured against the exact top 10 computed here in memory; a hit
// counts when its exact distance is within the 10th exact distance (ties are not misses).
//
//   npm run bench:vector-fallback -- --url postgresql://postgres@127.0.0.1:55444/postgres --data <LoCoMo folder> --size 100000
//   (creates and drops its own database on that server; needs no pgvector)
import { readdirSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Prisma } from '@/generated/prisma/client';
import { createDbClient } from '@/server/db/client';
import { prepareDatabase } from '@/server/db/prepare-database';
import { querySignature } from '@/server/db/embedding-signature';
import { nearestByCosine } from '@/server/db/vector-search';
import { embeddingValue, getVectorStorage } from '@/server/db/vector-storage';
import { LocalEmbedder } from '@/server/models/local/local-embedder';
import { newInternalId, newPublicId } from '@/server/services/ids';
import { maintainVectorLists } from '@/server/services/search/maintain-vector-lists';
import { storeMessageEmbeddings } from '@/server/services/search/store-message-embeddings';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    size: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '100' },
    'old-queries': { type: 'string', default: '10' },
    data: { type: 'string' },
    keep: { type: 'boolean', default: false },
    probes: { type: 'string' },
  },
});
if (!values.url) throw new Error('--url of a PostgreSQL server is required');
if (!values.data) throw new Error('--data, the folder of LoCoMo conversations (JSON files), is required');
const DATA_DIR: string = values.data;
const SIZE = Number(values.size);
const DIM = 384;
const embedder = new LocalEmbedder(DIM);

const NAMES = ('Avery Blake Casey Dana Emery Finley Gray Harper Indigo Jules Kai Logan Morgan Noel Oakley Parker Quinn ' +
  'Reese Sage Taylor Uma Vale Wren Xan Yael Zion Arden Bellamy Cleo Dorian Ellis Fern Gale Hollis Ira Jody').split(' ');

type Conversation = { a: string; b: string; turns: string[]; questions: string[] };
function readConversations(dir: string): Conversation[] {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().map((file) => {
    const d = JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')) as Record<string, unknown>;
    const turns: string[] = [];
    for (const [key, value] of Object.entries(d)) {
      if (/^session_\d+$/.test(key) && Array.isArray(value)) for (const t of value as { text: string }[]) turns.push(t.text);
    }
    const qa = d.qa as { question: string; category: number }[];
    return { a: d.speaker_a as string, b: d.speaker_b as string, turns, questions: qa.filter((q) => q.category !== 5).map((q) => q.question) };
  });
}

function buildCorpus(conversations: Conversation[], size: number): string[] {
  let state = 12345;
  const random = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const texts: string[] = [];
  for (let replay = 0; texts.length < size; replay += 1) {
    for (const c of conversations) {
      const a = replay === 0 ? c.a : NAMES[(replay * 2) % NAMES.length]!;
      const b = replay === 0 ? c.b : NAMES[(replay * 2 + 1) % NAMES.length]!;
      for (const turn of c.turns) {
        if (texts.length >= size) break;
        let text = turn.replaceAll(c.a, a).replaceAll(c.b, b);
        if (replay > 0) {
          const words = text.split(' ').filter(() => random() > 0.15);
          if (random() < 0.5) words.push(...c.turns[Math.floor(random() * c.turns.length)]!.split(' ').slice(0, 8));
          text = words.join(' ');
        }
        texts.push(text);
      }
    }
  }
  return texts;
}

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function main(): Promise<void> {
  const server = values.url!;
  const name = `rapport_vecbench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const target = new URL(server);
  target.pathname = `/${name}`;
  const url = target.toString();
  const db = createDbClient(url, 4);
  try {
    await prepareDatabase(url, { vectorPreference: 'fallback', embeddingDimensions: DIM });
    const storage = await getVectorStorage(db);
    const conversations = readConversations(DATA_DIR);
    const texts = buildCorpus(conversations, SIZE);
    const vectors = await embedder.embed(texts);

    const ws = await db.workspace.create({ data: { id: newInternalId(), name: 'bench' } });
    const other = await db.workspace.create({ data: { id: newInternalId(), name: 'other' } });
    const t0 = performance.now();
    for (const [workspace, count] of [[ws, SIZE], [other, Math.min(10_000, SIZE)]] as const) {
      const peer = await db.peer.create({ data: { id: newInternalId(), workspaceId: workspace.id, name: 'p' } });
      for (let start = 0; start < count; start += 1000) {
        const session = await db.session.create({ data: { id: newInternalId(), workspaceId: workspace.id, name: `s${start}` } });
        for (let offset = 0; offset < 1000 && start + offset < count; offset += 250) {
          const rows = Array.from({ length: Math.min(250, count - start - offset) }, (_, i) => ({ id: newPublicId(), i: start + offset + i, seq: offset + i + 1 }));
          await db.$executeRaw`
            INSERT INTO messages (id, workspace_id, session_id, peer_id, seq, content, token_count, created_at)
            VALUES ${Prisma.join(rows.map((r) => Prisma.sql`(${r.id}, ${workspace.id}, ${session.id}, ${peer.id}, ${r.seq}, ${texts[r.i]!}, 10, now())`))}`;
          await storeMessageEmbeddings(db, storage, embedder.engine, rows.map((r) => ({
            messageId: r.id, workspaceId: workspace.id, chunks: [{ text: texts[r.i]!, start: 0, end: texts[r.i]!.length }], vectors: [vectors[r.i]!],
          })));
        }
        process.stdout.write(`\r  ${workspace.name}: ${Math.min(count, start + 1000)}/${count}`);
      }
      process.stdout.write('\n');
    }
    console.log(`loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    // Steady state of a server: autovacuum has analysed the tables and marked the pages visible.
    await db.$executeRawUnsafe('VACUUM ANALYZE');
    const sample = await db.$queryRaw<{ content: string }[]>`SELECT content FROM messages WHERE workspace_id = ${ws.id} LIMIT 1`;
    const [probe] = await embedder.embed([sample[0]!.content]);
    const plan = await db.$queryRaw<{ 'QUERY PLAN': string }[]>`EXPLAIN (ANALYZE, BUFFERS) SELECT e.id FROM message_embeddings e
      WHERE e.workspace_id = ${ws.id} AND e.signature IS NOT NULL
      ORDER BY bit_count(e.signature # ${querySignature(probe!).signature}::bit varying), e.message_id LIMIT 800`;
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n').replace(/'[01]{100,}'/g, "'…'"));

    // The exact ranking in memory, by message id.
    const byId = await db.$queryRaw<{ id: string; seq: number; session: string }[]>`
      SELECT m.id, m.seq, s.name AS session FROM messages m JOIN sessions s ON s.id = m.session_id WHERE m.workspace_id = ${ws.id}`;
    const indexOf = new Map(byId.map((r) => [r.id, Number(r.session.slice(1)) + r.seq - 1]));
    const questions = conversations.flatMap((c) => c.questions).filter((_, i) => i % 7 === 0).slice(0, Number(values.queries));
    const where = Prisma.sql`m.workspace_id = ${ws.id}`;

    const embeddedQuestions = await embedder.embed(questions);
    const tenths = embeddedQuestions.map((q) => vectors.map((v) => 1 - v.reduce((sum, x, k) => sum + x * q[k]!, 0)).sort((x, y) => x - y)[9]!);
    const timeNearest = async () => {
      const times: number[] = [];
      let found = 0;
      for (const [n, q] of embeddedQuestions.entries()) {
        const t = performance.now();
        const hits = await nearestByCosine(db, { target: 'messages', workspaceId: ws.id, embedding: q, limit: 10, where });
        times.push(performance.now() - t);
        const distanceOf = (id: string) => 1 - vectors[indexOf.get(id)!]!.reduce((sum, x, k) => sum + x * q[k]!, 0);
        found += hits.filter((h) => distanceOf(h.id) <= tenths[n]! + 1e-6).length / 10;
      }
      return { times, recall: found / embeddedQuestions.length };
    };
    // Before the workspace has lists: the signature pass over every row.
    const { times: newTimes, recall } = await timeNearest();

    // The sweep's work, done here at once: train the lists, move the rows in, then what autovacuum would do. Lists
    // are opt-in (VECTOR_LISTS_MIN_ROWS); this bench measures them, so it switches them on when the caller did not.
    process.env.VECTOR_LISTS_MIN_ROWS ??= '50000';
    const listsStarted = performance.now();
    for (;;) {
      const step = await maintainVectorLists(db, { batch: 50_000 });
      if (step.trained + step.moved + step.retired === 0) break;
    }
    const listSeconds = (performance.now() - listsStarted) / 1000;
    await db.$executeRawUnsafe('VACUUM ANALYZE');
    const [{ lists } = { lists: 0 }] = await db.$queryRaw<{ lists: number }[]>`SELECT count(*)::int AS lists FROM vector_lists WHERE workspace_id = ${ws.id}`;
    const probed: { probes: number; times: number[]; recall: number }[] = [];
    for (const probes of (values.probes ?? '8,16,32,64,128').split(',').map(Number)) {
      process.env.VECTOR_LIST_PROBES = String(probes);
      probed.push({ probes, ...(await timeNearest()) });
    }

    // The floor of the same run: plain full-text search (GIN, OR of the query's lexemes, ts_rank_cd, top 10).
    const ftsTimes: number[] = [];
    for (const question of questions) {
      const t = performance.now();
      await db.$queryRaw`
        WITH q AS (SELECT replace(plainto_tsquery('english', ${question})::text, '&', '|')::tsquery AS q)
        SELECT m.id FROM messages m, q WHERE m.workspace_id = ${ws.id} AND m.content_tsv @@ q.q
        ORDER BY ts_rank_cd(m.content_tsv, q.q) DESC LIMIT 10`;
      ftsTimes.push(performance.now() - t);
    }

    const oldTimes: number[] = [];
    for (const question of questions.slice(0, Number(values['old-queries']))) {
      const [q] = await embedder.embed([question]);
      const value = embeddingValue(storage, q!);
      const t = performance.now();
      await db.$queryRaw`
        SELECT e.message_id AS id, min(rapport_cosine_distance(e.embedding, ${value}))::float8 AS distance
        FROM message_embeddings e JOIN messages m ON m.id = e.message_id
        WHERE e.workspace_id = ${ws.id} AND ${where}
        GROUP BY e.message_id HAVING min(rapport_cosine_distance(e.embedding, ${value})) <= 2
        ORDER BY distance, id LIMIT 10`;
      oldTimes.push(performance.now() - t);
    }

    const ms = (x: number) => `${x.toFixed(1)} ms`;
    console.log(`\nPostgreSQL without pgvector, ${SIZE} messages in one workspace (+${Math.min(10_000, SIZE)} in another), ${DIM} dimensions`);
    console.log(`| path                         | queries |      p50 |      p95 | recall@10 vs exact |`);
    console.log(`|------------------------------|---------|----------|----------|--------------------|`);
    console.log(`| old: exact cosine scan       | ${String(oldTimes.length).padStart(7)} | ${ms(percentile(oldTimes, 50)).padStart(8)} | ${ms(percentile(oldTimes, 95)).padStart(8)} | 1.000 (by definition) |`);
    console.log(`| floor: plain full-text top 10 | ${String(ftsTimes.length).padStart(6)} | ${ms(percentile(ftsTimes, 50)).padStart(8)} | ${ms(percentile(ftsTimes, 95)).padStart(8)} | (lexical, not comparable) |`);
    console.log(`| new: signatures + re-rank    | ${String(newTimes.length).padStart(7)} | ${ms(percentile(newTimes, 50)).padStart(8)} | ${ms(percentile(newTimes, 95)).padStart(8)} | ${recall.toFixed(3).padStart(18)} |`);
    for (const p of probed) {
      console.log(`| lists: ${String(p.probes).padStart(3)} of ${String(lists).padStart(4)} probed   | ${String(p.times.length).padStart(7)} | ${ms(percentile(p.times, 50)).padStart(8)} | ${ms(percentile(p.times, 95)).padStart(8)} | ${p.recall.toFixed(3).padStart(18)} |`);
    }
    console.log(`vector lists trained and filled in ${listSeconds.toFixed(0)} s`);
  } finally {
    await db.$disconnect();
    if (!values.keep) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    else console.log(`kept database ${name}`);
    await admin.end();
  }
}

await main();
