// The data layer's own "this filter is not acceptable" error: the filter compiler runs below the services, so it may
// not throw a domain error. Its issues have the domain's shape, and both edges (the REST adapter and tRPC) map it to
// the same answer as a validation error: 422 with `errors[].path` pointing into the filter (docs/api.md#s2-5).
export type FilterIssue = { path: string; message: string };

export class FilterRejectedError extends Error {
  readonly issues: FilterIssue[];
  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.issues = [{ path, message }];
  }
}
