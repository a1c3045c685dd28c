// De-duplication with embeddings stored as real[] and exact cosine in SQL (the no-pgvector path of docs/honcho-differences.md#database-portability).
import { provideTestDatabase } from '../support/test-database';
import { dedupeCases } from './dedupe-cases';

provideTestDatabase({ vectorPreference: 'fallback' });
process.env.AUTH_DISABLED = 'true';
dedupeCases();
