// Assertions shared by the raw-HTTP API tests: every answer is JSON with an x-request-id, and a 422 carries a string
// detail plus errors[] with paths.
import { expect } from 'vitest';

let counter = 0;
/** An id no other test in the run uses (ids are global for workspaces). */
export const uniqueId = (label: string) => `${label}-${Date.now().toString(36)}-${(counter += 1)}`;

export async function json(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('x-request-id')).toBeTruthy();
  return response.json();
}

/** A 422 body: string detail plus errors[] with paths; returns the distinct paths. */
export async function invalid(response: Response): Promise<string[]> {
  expect(response.status).toBe(422);
  const body = await json(response);
  expect(typeof body.detail).toBe('string');
  expect(Array.isArray(body.errors)).toBe(true);
  return [...new Set<string>(body.errors.map((e: { path: string }) => e.path))];
}
