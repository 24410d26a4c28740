import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createQueryClient } from '../queries/query-client.ts';

/**
 * Render with the app's query client (returned, so tests can seed results); `seed` fills it
 * before the first render (results a worker would have sent).
 */
export function renderWithClient(
  ui: ReactNode,
  seed?: (client: ReturnType<typeof createQueryClient>) => void,
): RenderResult & { client: ReturnType<typeof createQueryClient> } {
  const client = createQueryClient();
  seed?.(client);
  const result = render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
  return { ...result, client };
}
