// Anything in the console that does not exist, from an unknown path to an app of another organization (the two look
// the same on purpose), rendered inside the shell with a way back; Next answers it with HTTP 404.
import type { Metadata } from 'next';
import { ConsoleNotFound } from '@/components/console/shell/console-not-found';

export const metadata: Metadata = { title: 'Not found' };

export default function ShellNotFound() {
  return <ConsoleNotFound appMissing />;
}
