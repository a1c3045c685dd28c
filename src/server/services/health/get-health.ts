import 'server-only';

// The health use case behind GET /health: is the database reachable, which kind is it, how are vectors stored.
// Returns plain data; the route decides the status code, so the worker and the console can reuse it.
import type { DatabaseMode, EnginesWire, VectorMode } from '@/contracts/service';
import { getDatabaseStatus } from '@/server/db/status';
import { getModelEngines } from '@/server/models/model-engines';

export type HealthReport =
  | { healthy: true; database: DatabaseMode; vector: VectorMode; engines?: EnginesWire }
  | { healthy: false; database?: DatabaseMode; vector?: VectorMode; engines?: EnginesWire };

// Which engines are active is part of "is this deployment doing what I think": an operator who set a provider and
// sees `local:` here knows the configuration did not apply. A broken model configuration is not a database
// outage, so it only removes the field.
function describeEngines(): EnginesWire | undefined {
  try {
    const { embeddingDimensions, ...names } = getModelEngines().describe();
    return { ...names, embedding_dimensions: embeddingDimensions };
  } catch {
    return undefined;
  }
}

// Probes (load balancers, SDK harnesses) give up after a few seconds; a database that does not answer by then is
// reported as unreachable rather than leaving the probe hanging on a stuck connection.
export const HEALTH_CHECK_TIMEOUT_MS = 3_000;

class HealthCheckTimeout extends Error {
  constructor() {
    super(`Database did not answer within ${HEALTH_CHECK_TIMEOUT_MS} ms`);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new HealthCheckTimeout()), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export async function getHealth(timeoutMs: number = HEALTH_CHECK_TIMEOUT_MS): Promise<HealthReport> {
  const engines = describeEngines();
  try {
    const status = await withTimeout(getDatabaseStatus(), timeoutMs);
    return status.reachable
      ? { healthy: true, database: status.database, vector: status.vector, engines }
      : { healthy: false, database: status.database, vector: status.vector, engines };
  } catch {
    // Misconfiguration or a timeout: still an answer about the database, never a 500 from the health probe.
    return { healthy: false, engines };
  }
}
