// Shown while a console page's data loads on navigation.
import { SkeletonRows } from '@/components/console/ui/states';

export default function ConsoleLoading() {
  return <SkeletonRows rows={4} />;
}
