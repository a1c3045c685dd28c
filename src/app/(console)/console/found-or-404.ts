// A console page whose subject (app, user, session) does not exist answers the styled not-found with HTTP 404. The
// check runs before anything streams (no loading boundary above it), so the status can still be set.
import { TRPCError } from '@trpc/server';
import { notFound } from 'next/navigation';

/** Awaits a server-side tRPC read; NOT_FOUND, or an id that cannot exist (BAD_REQUEST), becomes notFound(). */
export async function foundOr404<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
}
