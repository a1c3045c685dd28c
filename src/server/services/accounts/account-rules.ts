// Input rules for console accounts, shared by first-run sign-up, the ADMIN_EMAIL bootstrap and GitHub sign-in.
import { InvalidInputError } from '../errors';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** Emails are compared case-insensitively: stored trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function validateEmail(email: string, path = 'email'): string {
  const normalized = normalizeEmail(email);
  if (!EMAIL.test(normalized) || normalized.length > 254) throw InvalidInputError.at(path, 'Enter a valid email address');
  return normalized;
}

export function validatePassword(password: string, path = 'password'): string {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw InvalidInputError.at(path, `Use at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw InvalidInputError.at(path, `Use at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  return password;
}

/** A default organization name from an account's name or email. */
export function defaultOrganizationName(name: string | null | undefined, email: string): string {
  const who = name?.trim() || email.split('@')[0] || 'My';
  return `${who}'s organization`.slice(0, 100);
}
