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

/**
 * Scrollbars of the code and message viewers: always shown instead of fading. Monaco's fade is an
 * 800 ms opacity animation after every content change and scroll; where the browser composites in
 * software (thin clients, remote desktops, headless Chromium) it redraws the whole window 60 times a
 * second, on the CPU the next live-preview run needs. A visible scrollbar also shows at a glance that
 * a long output goes on.
 */
export const STEADY_SCROLLBARS: monaco.editor.IEditorScrollbarOptions = { vertical: 'visible', horizontal: 'visible' };
