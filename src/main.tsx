import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createDexieStore } from './core/store/dexie-store.ts';
import { App } from './ui/App.tsx';
import { warmUpMonaco } from './ui/code/warm-up.ts';
import { boot } from './ui/state/doc.ts';
import './ui/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// localStorage as the save journal: a write made while the page is left survives it (see SaveJournal).
const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
})();
void boot(createDexieStore('regelwerk', { journal: storage && { get: (k) => storage.getItem(k), set: (k, v) => storage.setItem(k, v), remove: (k) => storage.removeItem(k) } }));
// The first flow the user opens shows its editors without first paying for Monaco's start.
warmUpMonaco();
