// A minimal client of a Rapport (or any Honcho-compatible) server for the `rapport` command line: base URL, optional
// API key, JSON in and out, and errors that carry the server's own `detail`. No server code is imported here.

export type ApiClientOptions = {
  baseUrl: string;
  apiKey?: string;
  /** Injected in tests; defaults to the global fetch. */
  fetch?: typeof fetch;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
  ) {
    super(`${status}: ${detail}`);
  }
}

export type ApiClient = {
  readonly baseUrl: string;
  request(method: string, path: string, init?: { body?: unknown; signal?: AbortSignal }): Promise<Response>;
  json<T>(method: string, path: string, init?: { body?: unknown; signal?: AbortSignal }): Promise<T>;
};

export function apiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const headers = (hasBody: boolean): Record<string, string> => ({
    ...(hasBody ? { 'content-type': 'application/json' } : {}),
    ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
  });
  async function request(method: string, path: string, init: { body?: unknown; signal?: AbortSignal } = {}): Promise<Response> {
    const hasBody = init.body !== undefined;
    const response = await doFetch(`${baseUrl}${path}`, {
      method,
      headers: headers(hasBody),
      body: hasBody ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
    });
    if (!response.ok) throw new ApiError(response.status, await errorDetail(response));
    return response;
  }
  return {
    baseUrl,
    request,
    async json<T>(method: string, path: string, init?: { body?: unknown; signal?: AbortSignal }): Promise<T> {
      return (await (await request(method, path, init)).json()) as T;
    },
  };
}

async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { detail?: unknown };
    if (typeof body.detail === 'string') return body.detail;
  } catch {
    // not JSON: fall through to the raw text
  }
  return text.slice(0, 500) || response.statusText;
}

/** Path segment of a wire id (ids are URL-safe, but a hand-typed one may not be). */
export const seg = (id: string) => encodeURIComponent(id);
