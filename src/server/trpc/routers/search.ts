import 'server-only';
// Search across the app's messages or conclusions, with the /v3 search routes' own ranking.
import { searchInput } from '@/contracts/console-data';
import { searchApp } from '@/server/services/console/search-app';
import { appProcedure } from '../app-procedure';
import { router } from '../init';
import { searchOutput } from '@/contracts/console-data-outputs';

export const searchRouter = router({
  run: appProcedure.input(searchInput).output(searchOutput).query(({ ctx, input }) => searchApp(ctx.db, ctx.workspace.id, input)),
});
