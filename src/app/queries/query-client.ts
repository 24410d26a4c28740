import { QueryClient } from '@tanstack/react-query';

/** The app's query client: results are content-addressed, so they never go stale. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        // Results stay for the session; a new image removes the old one's (see session.ts).
        gcTime: Infinity,
        retry: false,
        refetchOnWindowFocus: false,
        refetchOnReconnect: false,
        structuralSharing: false,
      },
    },
  });
}
