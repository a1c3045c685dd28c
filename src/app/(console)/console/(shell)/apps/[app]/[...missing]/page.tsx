// Any console address no page serves: the console's own not-found (HTTP 404) instead of the bare framework page.
import { notFound } from 'next/navigation';

export default function MissingPage(): never {
  notFound();
}
