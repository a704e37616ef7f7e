/** Entry: mounts the app. Everything the first screen needs is in this chunk; the console and admin load on demand. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { refreshSession } from './lib/session';
import './styles.css';

void refreshSession();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
