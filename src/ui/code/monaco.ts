/**
 * Monaco, set up to work offline: the npm package through the bundler, only the editor core and the
 * XML language, and the editor worker bundled by Vite. Nothing is fetched from a CDN.
 */
import * as monaco from 'monaco-editor/editor/editor.api';
import './monaco-features.ts'; // before the first language registration (see there)
import 'monaco-editor/languages/definitions/xml/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = { getWorker: () => new EditorWorker() };

export { monaco };
