/**
 * Warms Monaco up while the app is idle after it starts: loads its chunk, creates its services, lets V8
 * compile the code an editor runs, and loads the XML tokenizer, by creating one editor off screen and
 * disposing it. Without this, all of that ran when the user first opened a flow, in long tasks of
 * ~150-330 ms right after the click. The editor is inert and hidden (never focusable, never read out).
 * When it is done, <html> gets data-editors-warm (the landscape bench waits for it before measuring).
 */
const idle = (then: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(() => then(), { timeout: 5000 });
  else setTimeout(then, 500);
};

/** Starts the warm-up (once) in idle time; a no-op when an editor was created meanwhile anyway. */
export function warmUpMonaco(): void {
  idle(() => {
    void import('./monaco.ts').then(({ monaco }) =>
      idle(() => {
        const done = () => document.documentElement.setAttribute('data-editors-warm', '');
        if (monaco.editor.getEditors().length) return done(); // the user was quicker: nothing left to warm
        const host = document.createElement('div');
        host.inert = true;
        host.setAttribute('aria-hidden', 'true');
        host.style.cssText = 'position:fixed;left:-10000px;top:0;width:600px;height:120px;visibility:hidden;contain:strict';
        document.body.append(host);
        const editor = monaco.editor.create(host, { value: '<?xml version="1.0"?>\n<a b="c"><!-- d --><e>f</e></a>\n', language: 'xml', readOnly: true, minimap: { enabled: false } });
        idle(() => {
          editor.getModel()?.dispose();
          editor.dispose();
          host.remove();
          done();
        });
      }),
    ).catch(() => undefined); // a chunk that does not load fails again, visibly, where an editor is shown
  });
}
