import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/pos-client';

/** The hits on screen and the query they answer (null: nothing answered yet). */
export interface SearchResult<T> {
  query: string | null;
  hits: T[];
  error: ApiError | null;
}

export interface UseSearch<T> {
  result: SearchResult<T>;
  /** The hits on screen answer the query in the field. */
  fresh: boolean;
  /**
   * Searches for `query` now (no debounce) or joins the request already on its way; resolves with
   * the hits, or null when a newer search superseded it or it failed.
   */
  searchNow(query: string): Promise<T[] | null>;
}

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError ? error : new ApiError('internal', error instanceof Error ? error.message : String(error));

/**
 * Search-as-you-type: the first query goes out at once, later ones after `delayMs` of quiet.
 * Answers that arrive after a newer search was sent are dropped, so a slow answer to "mi" never
 * replaces the answer to "milk".
 */
export function useSearch<T>(
  query: string,
  search: (query: string) => Promise<T[]>,
  options: { initial?: { query: string; hits: T[] }; delayMs?: number } = {},
): UseSearch<T> {
  const { initial, delayMs = 150 } = options;
  const [result, setResult] = useState<SearchResult<T>>(() =>
    initial ? { query: initial.query, hits: initial.hits, error: null } : { query: null, hits: [], error: null },
  );
  /** Numbers the requests; only the latest one's answer is shown. */
  const seq = useRef(0);
  /** The query of the latest request (or of the initial hits). */
  const requested = useRef<string | null>(initial ? initial.query : null);
  const latest = useRef<{ query: string; promise: Promise<T[] | null> } | null>(null);

  const searchNow = useCallback(
    (q: string): Promise<T[] | null> => {
      if (latest.current?.query === q) return latest.current.promise;
      requested.current = q;
      const mine = ++seq.current;
      const promise = search(q).then(
        (hits) => {
          if (mine !== seq.current) return null;
          setResult({ query: q, hits, error: null });
          return hits;
        },
        (error: unknown) => {
          if (mine !== seq.current) return null;
          latest.current = null; // Enter tries again
          setResult({ query: q, hits: [], error: asApiError(error) });
          return null;
        },
      );
      latest.current = { query: q, promise };
      return promise;
    },
    [search],
  );

  useEffect(() => {
    if (requested.current === query) return;
    const first = requested.current === null;
    const timer = setTimeout(() => void searchNow(query), first ? 0 : delayMs);
    return () => clearTimeout(timer);
  }, [query, searchNow, delayMs]);

  return { result, fresh: result.query === query, searchNow };
}
