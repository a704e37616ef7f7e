/**
 * Entry: mounts the app. Everything the first screen needs is in this chunk; the console and
 * admin load on demand, inside the same tree, so one query client serves all three.
 */
import { StrictMode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { queryClient } from './lib/query';
import { refreshSession } from './lib/session';
import './styles.css';

void refreshSession();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
