import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDexieStore } from './core/store/dexie-store.ts';
import { App } from './ui/App.tsx';
import { boot } from './ui/state/doc.ts';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
void boot(createDexieStore());
