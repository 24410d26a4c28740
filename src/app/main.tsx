import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { explorerPool } from '../worker/client.ts';
import { App } from './app.tsx';
import { warmPaneSizes } from './layout/pane-sizes.ts';
import { createQueryClient } from './queries/query-client.ts';
import { SecondImageContext, SessionContext } from './state/app-context.tsx';
import { registerServiceWorker } from './state/app-update.ts';
import { SecondImage } from './state/second-image.ts';
import { Session } from './state/session.ts';
import './styles/app.css';

// Offline use of the hosted app: only in the built site (the dev server's files change under it).
if (import.meta.env.PROD) registerServiceWorker();

// Before any image opens (see warmPaneSizes).
setTimeout(warmPaneSizes, 0);

const queryClient = createQueryClient();
const session = new Session(queryClient, explorerPool);
const second = new SecondImage(explorerPool);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={session}>
        <SecondImageContext.Provider value={second}>
          <App />
        </SecondImageContext.Provider>
      </SessionContext.Provider>
    </QueryClientProvider>
  </StrictMode>,
);
