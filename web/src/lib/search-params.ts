import { useSearchParams } from 'react-router';

/**
 * Filters, ranges and open dialogs live in the URL (a reload or a shared link shows the same
 * thing). This reads the search params and writes several at once: an empty value removes its
 * key; `replace` keeps typing in a filter from filling the history.
 */
export function useSearchParamState() {
  const [params, setParams] = useSearchParams();
  const update = (changes: Record<string, string | null | undefined>, options: { replace?: boolean } = {}) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: options.replace ?? true },
    );
  return [params, update] as const;
}
