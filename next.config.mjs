import { httpCompression } from './src/server/config/http-compression.mjs';

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Off unless HTTP_COMPRESSION is set: gzip on the server's one JavaScript thread cost an ingest of 100-message
  // batches about a tenth of its throughput, for bandwidth that the reverse proxy or platform in front (which
  // terminates TLS anyway) can save instead (docs/scaling.md#response-compression).
  compress: httpCompression(process.env),
  // The PGlite/pg drivers and Prisma's generated client are plain Node modules; keep them out of the bundle.
  // pdf-parse runs pdf.js, which loads its worker file from node_modules at run time: bundling loses that file.
  // The OpenTelemetry SDK and Prisma's instrumentation patch and load modules at run time (exporters, gRPC), so they
  // stay plain Node modules too.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@electric-sql/pglite', '@electric-sql/pglite-socket', 'pdf-parse', 'pdfjs-dist', 'piscina', '@opentelemetry/sdk-node', '@prisma/instrumentation'],
  // piscina starts its threads from its own file in node_modules; bundled, that path would point nowhere. The upload
  // decoder's worker file is loaded from src/ by path at run time for the same reason (docs/limits.md).
  // The upload decoder's thread loads its file and pdf-parse by path at run time, where the build's file tracing cannot
  // see them; list them so deployments that copy only traced files (standalone, serverless) ship them.
  outputFileTracingIncludes: {
    // Keys are globs over route paths, where [brackets] would be character classes.
    '/v3/**/messages/upload': [
      './src/server/services/messages/upload-decoder.worker.mjs',
      './node_modules/pdf-parse/**/*',
      './node_modules/pdfjs-dist/**/*',
      './src/server/services/messages/o200k-count.mjs',
      './node_modules/gpt-tokenizer/**/*',
    ],
    // Message writes count tokens in threads that load o200k-count.mjs and gpt-tokenizer by path (docs/ingest.md).
    '/v3/**/messages': ['./src/server/services/messages/o200k-count.mjs', './node_modules/gpt-tokenizer/**/*'],
  },
  poweredByHeader: false,
  experimental: {
    // With a proxy (src/proxy.ts) Next buffers each request body so both the proxy and the handler can read it, and
    // silently cuts it at 10 MB by default: a legal 14 MiB batch then reached the handler as malformed JSON. A MiB
    // over the handlers' 16 MiB JSON limit (read-body.ts): Next drops the chunk that crosses its limit, so this margin
    // keeps a cut body longer than 16 MiB and the handler answers 413, even without a Content-Length.
    proxyClientMaxBodySize: 17 * 1024 * 1024,
  },
  // /v3 routes are slash-less; never redirect (the SDK would follow to a different method semantics).
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
};

export default nextConfig;
