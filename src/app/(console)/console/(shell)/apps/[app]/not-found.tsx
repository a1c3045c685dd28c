// An app id that does not exist, or belongs to another organization (the two look the same on purpose).
import Link from 'next/link';
import { EmptyState } from '@/components/console/ui/states';
import { buttonClasses } from '@/components/console/ui/button';

export default function AppNotFound() {
  return (
    <EmptyState
      title="App not found"
      body="There is no app with this id in your organizations."
      action={
        <Link href="/console" className={buttonClasses('secondary')}>
          Back to your apps
        </Link>
      }
    />
  );
}
