import 'server-only';
// HNSW search settings, applied once per pooled connection when it opens instead of in a transaction around every
// search (which cost two extra round trips and pinned a connection for the whole query; on the embedded database an
// open transaction also blocks every other connection). pgvector reads them at scan time:
// - hnsw.ef_search: the size of the first candidate list; 200 leaves room for the 40–320 candidates searches ask for;
// - hnsw.iterative_scan (pgvector ≥ 0.8, PGlite ships 0.8.7): keep walking the graph while rows are filtered out
//   (another workspace, a session or observer scope), in exact distance order, so a filtered search still finds its
//   nearest rows instead of whatever of the first ef_search survived the filter.
// Each setting is tried on its own and errors are swallowed: an older pgvector rejects iterative_scan when its library
// is already loaded, and a server without pgvector simply keeps the values as unused placeholders.
import pg from 'pg';

export const HNSW_EF_SEARCH = 200;

export const VECTOR_SESSION_SQL = `DO $$
BEGIN
  BEGIN PERFORM set_config('hnsw.ef_search', '${HNSW_EF_SEARCH}', false); EXCEPTION WHEN others THEN NULL; END;
  BEGIN PERFORM set_config('hnsw.iterative_scan', 'strict_order', false); EXCEPTION WHEN others THEN NULL; END;
END $$`;

/**
 * A connection pool whose connections carry the vector search settings, and any other session settings given
 * (set with set_config rather than as startup parameters, which the embedded database ignores).
 */
export function createVectorAwarePool(config: pg.PoolConfig, settings: Readonly<Record<string, string>> = {}): pg.Pool {
  const names = Object.keys(settings);
  const settingsSql = names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, false)`).join(', ');
  const settingsValues = names.flatMap((name) => [name, settings[name]]);
  // The pool awaits onConnect before handing the new connection to anyone.
  return new pg.Pool({
    ...config,
    onConnect: async (client) => {
      await client.query(VECTOR_SESSION_SQL).catch(() => {});
      if (names.length > 0) await client.query(`SELECT ${settingsSql}`, settingsValues);
    },
  });
}
