// De-duplication on the default storage (PGlite with pgvector; on CI's PostgreSQL 15 without it, the fallback).
import { provideTestDatabase } from '../support/test-database';
import { dedupeCases } from './dedupe-cases';

provideTestDatabase();
process.env.AUTH_DISABLED = 'true';
dedupeCases();
