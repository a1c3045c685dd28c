// Input rules for apps: the id is a workspace wire id (docs/api.md#s1-3); the display name is a console label.
import { ID_PATTERN } from '@/contracts/common';
import { InvalidInputError } from '../errors';

export const APP_DISPLAY_NAME_MAX = 100;

export function validateAppId(id: string, path = 'id'): string {
  if (id.length < 1 || id.length > 512) throw InvalidInputError.at(path, 'Use 1 to 512 characters');
  if (!ID_PATTERN.test(id)) throw InvalidInputError.at(path, 'Use only letters, digits, underscores and hyphens');
  return id;
}

/** Trimmed label, or null to show the id instead. */
export function normalizeDisplayName(name: string | null | undefined, path = 'displayName'): string | null {
  const trimmed = name?.replace(/\s+/g, ' ').trim() ?? '';
  if (trimmed.length > APP_DISPLAY_NAME_MAX) throw InvalidInputError.at(path, `Use at most ${APP_DISPLAY_NAME_MAX} characters`);
  return trimmed || null;
}
