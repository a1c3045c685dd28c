// Start-up validation of every setting at once. Each settings group still reads its own variables where it is used
// (so a test or a restart can change them); this runs all of those readers against the environment the process starts
// with and reports every bad value together, instead of the first one found by whichever request touches it first.
import { isAuthDisabled, readRateLimitConfig } from './auth-config';
import { readConsoleConfig } from './console-config';
import { readDatabaseConfig } from './database-config';
import { readDialecticOverrides } from './dialectic-config';
import { dreamMaxInputConclusions, dreamsEnabledGlobally, dreamThresholds } from './dream-config';
import { readHttpCompression } from './http-config';
import { ConfigurationError, type EnvSource } from './parse-env';
import { readObservabilityConfig } from './observability-config';
import { readProxyTrust } from './proxy-config';
import { readSearchConfig } from './search-config';
import { readTokenCountThreads } from './token-count-config';
import { readUsageConfig } from './usage-config';
import { readUploadDecodeConfig } from './upload-config';
import { allowPrivateWebhookAddresses, webhookMaxAttempts } from './webhook-config';
import { readWorkerConfig } from './worker-config';
import { readModelConfig } from '@/server/models/model-config';

const READERS: ((env: EnvSource) => unknown)[] = [
  readDatabaseConfig,
  readWorkerConfig,
  readUploadDecodeConfig,
  readConsoleConfig,
  readProxyTrust,
  readSearchConfig,
  readObservabilityConfig,
  readUsageConfig,
  readModelConfig,
  isAuthDisabled,
  readRateLimitConfig,
  dreamsEnabledGlobally,
  dreamThresholds,
  dreamMaxInputConclusions,
  allowPrivateWebhookAddresses,
  webhookMaxAttempts,
  readDialecticOverrides,
  readHttpCompression,
  readTokenCountThreads,
];

/** Throws one ConfigurationError listing every setting at fault (each once), or returns when all are valid. */
export function checkEnvironment(env: EnvSource = process.env): void {
  const problems = new Set<string>();
  for (const read of READERS) {
    try {
      read(env);
    } catch (error) {
      if (error instanceof ConfigurationError) for (const problem of error.problems) problems.add(problem);
      else problems.add(error instanceof Error ? error.message.replace(/^Invalid configuration:\s*/, '') : String(error));
    }
  }
  if (problems.size) throw new ConfigurationError([...problems]);
}
