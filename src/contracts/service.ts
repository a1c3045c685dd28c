// Wire shapes of the unversioned service routes (docs/api.md#s3-1): /health and /openapi.json.
import { z } from 'zod';

export const DATABASE_MODES = ['embedded', 'server'] as const;
export type DatabaseMode = (typeof DATABASE_MODES)[number];

// `unknown` covers the moment before the vector extension has been probed at start-up.
export const VECTOR_MODES = ['pgvector', 'fallback', 'unknown'] as const;
export type VectorMode = (typeof VECTOR_MODES)[number];

const databaseMode = z.enum(DATABASE_MODES).meta({
  description: '`embedded`: the bundled PGlite database; `server`: an external PostgreSQL server.',
});

const vectorMode = z.enum(VECTOR_MODES).meta({
  description: '`pgvector`: HNSW vector indexes; `fallback`: exact cosine over float arrays; `unknown`: not probed yet.',
});

// Which engine does each model task: `local:…` for the offline engines, `<provider>:<model>` otherwise.
/** The engines a server without a model provider runs (the examples' values). */
const OFFLINE_ENGINES = {
  deriver: 'local:heuristic-extractor',
  summary: 'local:extractive-summary',
  dream: 'local:consolidator',
  dialectic: 'local:retrieval-answerer',
  embedder: 'local:hashed-ngrams',
  embedding_dimensions: 384,
};

export const engineDescriptionSchema = z
  .object({
    deriver: z.string(),
    summary: z.string(),
    dream: z.string(),
    dialectic: z.string(),
    embedder: z.string(),
    embedding_dimensions: z.number().int(),
  })
  .meta({
    id: 'Engines',
    description: 'The engines behind derivation, summaries, dreams, dialectic and embeddings.',
    example: OFFLINE_ENGINES,
  });

// Loose objects: clients must tolerate extra fields here (docs/honcho-differences.md#additive-responses), and later releases add some.
export const healthResponseSchema = z
  .looseObject({
    status: z.literal('ok'),
    database: databaseMode,
    vector: vectorMode,
    // Absent only when the model configuration is invalid (the worker then refuses to start with the reason).
    engines: engineDescriptionSchema.optional(),
  })
  .meta({
    id: 'Health',
    description: 'The server is up and its database answers.',
    example: {
      status: 'ok',
      database: 'embedded',
      vector: 'pgvector',
      engines: OFFLINE_ENGINES,
    },
  });

export const healthUnavailableSchema = z
  .looseObject({
    status: z.literal('error'),
    detail: z.string(),
    database: databaseMode.optional(),
    vector: vectorMode.optional(),
    engines: engineDescriptionSchema.optional(),
  })
  .meta({
    id: 'HealthUnavailable',
    description: 'The server is up but cannot reach its database.',
    example: { status: 'error', detail: 'Database unreachable', database: 'server', vector: 'unknown' },
  });

export const openApiDocumentSchema = z
  .looseObject({
    openapi: z.string(),
    info: z.looseObject({ title: z.string(), version: z.string() }),
    paths: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document describing this API.' });

export type HealthResponse = z.infer<typeof healthResponseSchema>;
export type HealthUnavailable = z.infer<typeof healthUnavailableSchema>;
export type EnginesWire = z.infer<typeof engineDescriptionSchema>;
