import { QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createQueryClient } from '../queries/query-client.ts';

/** Render with the app's query client (returned, so tests can seed results). */
export function renderWithClient(
  ui: ReactNode,
): RenderResult & { client: ReturnType<typeof createQueryClient> } {
  const client = createQueryClient();
  const result = render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
  return { ...result, client };
}
