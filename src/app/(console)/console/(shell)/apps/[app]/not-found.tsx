// A user, session or page that does not exist inside an app that does: named, with a link to the list it belongs to.
import { ConsoleNotFound } from '@/components/console/shell/console-not-found';

export default function AppNotFound() {
  return <ConsoleNotFound />;
}
