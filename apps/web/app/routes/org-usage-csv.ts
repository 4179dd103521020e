import { usageCsv } from '../ai/usage.server.ts';
import type { Route } from './+types/org-usage-csv.ts';

/** The usage page's numbers as CSV, one line per month, project, model and person. */
export async function loader({ request, params }: Route.LoaderArgs) {
  return usageCsv(request, params.orgId);
}
