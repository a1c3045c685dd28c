import 'server-only';
// The two ways a model call goes wrong, kept apart because the worker treats them differently: a provider failure
// (network, rate limit, timeout, 5xx) is usually worth retrying; an answer that cannot be used is retried too, but
// its text is what an operator needs to see in the failed item, so it travels with the error.
import { APICallError } from 'ai';

const SNIPPET_CHARS = 500;

export function snippet(text: string, max: number = SNIPPET_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** The provider failed or did not answer in time. `message` carries the provider's own words. */
export class ModelCallError extends Error {
  override readonly name = 'ModelCallError';
  readonly engine: string;
  readonly retryable: boolean;
  readonly statusCode: number | undefined;

  constructor(engine: string, message: string, options: { retryable: boolean; statusCode?: number; cause?: unknown }) {
    super(`${engine}: ${message}`, { cause: options.cause });
    this.engine = engine;
    this.retryable = options.retryable;
    this.statusCode = options.statusCode;
  }
}

/** The model answered, but with nothing usable (empty, unparseable, or no valid item). */
export class ModelOutputError extends Error {
  override readonly name = 'ModelOutputError';
  readonly engine: string;
  /** The start of the raw answer, for logs and the failed item's error text. */
  readonly rawSnippet: string;

  constructor(engine: string, problem: string, rawAnswer: string) {
    const raw = snippet(rawAnswer);
    super(`${engine}: ${problem}${raw ? ` — model answered: ${raw}` : ' — model answered nothing'}`);
    this.engine = engine;
    this.rawSnippet = raw;
  }
}

// 408/409/429 and 5xx are the provider's way of saying "later"; other 4xx (bad key, unknown model, bad request)
// fail the same way every time.
function retryableStatus(status: number | undefined): boolean {
  if (status === undefined) return true;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

/** Wraps anything a provider call threw into a ModelCallError, keeping the provider's message. */
export function toModelCallError(engine: string, error: unknown): ModelCallError {
  if (error instanceof ModelCallError) return error;
  if (APICallError.isInstance(error)) {
    const body = error.responseBody ? ` (${snippet(error.responseBody, 300)})` : '';
    return new ModelCallError(engine, `${error.message}${body}`, {
      retryable: error.isRetryable || retryableStatus(error.statusCode),
      statusCode: error.statusCode,
      cause: error,
    });
  }
  if (isAbort(error)) {
    return new ModelCallError(engine, `call aborted or timed out (${(error as Error).message})`, { retryable: true, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  // Unknown failures (DNS, reset connections, SDK retry wrappers) are transient more often than not.
  return new ModelCallError(engine, message, { retryable: true, cause: error });
}
