import 'server-only';
// One scrape: refresh the gauges that are read rather than counted (queue from the database, the pool from this
// process), then render the registry in Prometheus text format. A database that cannot answer does not fail the
// scrape: the request metrics are most wanted exactly then, so the queue gauges keep their last values and
// metrics_scrape_errors_total goes up.
import { dbPoolUsage, getDb } from '@/server/db/client';
import { readQueueGauges } from '@/server/services/queue/queue-gauges';
import { metrics, QUEUE_STATES, WORK_KINDS } from './metrics';

export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  const m = metrics();
  try {
    const gauges = await readQueueGauges(getDb());
    for (const kind of WORK_KINDS) {
      m.queueOldestPending.labels(kind).set(0);
      for (const state of QUEUE_STATES) m.queueDepth.labels(state, kind).set(0);
    }
    for (const row of gauges.items) m.queueDepth.labels(row.state, row.kind).set(row.count);
    for (const row of gauges.oldestDue) m.queueOldestPending.labels(row.kind).set(row.ageSeconds);
  } catch {
    m.scrapeErrors.inc();
  }
  const pool = dbPoolUsage();
  if (pool) {
    m.dbPool.labels('total').set(pool.total);
    m.dbPool.labels('idle').set(pool.idle);
    m.dbPool.labels('waiting').set(pool.waiting);
    m.dbPool.labels('max').set(pool.max);
  }
  return { contentType: m.registry.contentType, body: await m.registry.metrics() };
}
