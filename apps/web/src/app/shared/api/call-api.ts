import { HttpClient, HttpParams } from '@angular/common/http';
import type {
  AnyApiRoute,
  RouteBody,
  RouteParams,
  RouteQuery,
  RouteResponse,
} from '@btsx/contracts/core';
import { firstValueFrom, Observable } from 'rxjs';

export interface CallOptions<R extends AnyApiRoute> {
  body?: RouteBody<R>;
  /** The query string; absent (undefined) values are left out. */
  query?: RouteQuery<R>;
  headers?: Record<string, string>;
}

/**
 * One request of a route of the public API through HttpClient, on the app's own origin (the
 * gateway serves both). Method, path and types come from the contracts' route table.
 */
export function requestApi<R extends AnyApiRoute>(
  http: HttpClient,
  route: R,
  params: RouteParams<R>,
  { body, query, headers }: CallOptions<R> = {},
): Observable<RouteResponse<R>> {
  return http.request<RouteResponse<R>>(route.method, route.path(...params), {
    body,
    headers,
    params: query ? toHttpParams(query) : undefined,
  });
}

/** requestApi's answer as a promise. */
export function callApi<R extends AnyApiRoute>(
  http: HttpClient,
  route: R,
  params: RouteParams<R>,
  options?: CallOptions<R>,
): Promise<RouteResponse<R>> {
  return firstValueFrom(requestApi(http, route, params, options));
}

function toHttpParams(query: object): HttpParams {
  const present = Object.entries(query).filter(([, value]) => value !== undefined);
  return new HttpParams({ fromObject: Object.fromEntries(present) });
}
