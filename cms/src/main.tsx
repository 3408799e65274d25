import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { loadConfig } from './config';

// zod's messages in Norwegian wherever the content model has no message of its own.
z.config(z.locales.no());

const root = createRoot(document.getElementById('root') ?? document.body.appendChild(document.createElement('div')));

loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (error: unknown) => {
    console.error(error);
    root.render(
      <main style={{ fontFamily: 'system-ui, sans-serif', padding: '2rem' }}>
        <h1>CMS-et kunne ikke starte</h1>
        <p>Konfigurasjonen (config.json) mangler eller er ugyldig. Kontakt en administrator.</p>
      </main>,
    );
  },
);
