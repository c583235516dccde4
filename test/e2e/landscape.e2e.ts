/**
 * The flow designer as a consultant uses it, in Chromium on the production build: the sample
 * landscape (icons, status badges, findings, keyboard, search, menu, stage filter, tests badge),
 * editing (palette drop, adapters, refused and accepted connections, undo/redo, copy/paste, delete
 * asking first), a project from a blueprint (automatic layout, enlarge, SVG/PNG export) and a
 * project whose flows point at a deleted system.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProject, saveProject } from '../../src/core/model/load.ts';
import { onRow, openApp, ROOT, stopServer, treeRow, type App } from './harness.ts';

const sys = (id: string) => `[data-system="${id}"]`;
const handle = (system: string, adapter: string, side: 'source' | 'target') => `${sys(system)} [data-adapter="${adapter}"] .react-flow__handle.${side}`;

/** Drags with the mouse from the middle of one element to the middle of another (a React Flow connection). */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
  await page.mouse.up();
}

const GM = 'http://www.example-gewerbesoftware.de/import/gewerbemeldung/1.2';
const VORGANGSNUMMER = `/{${GM}}Gewerbemeldung/{${GM}}Kopfdaten/{${GM}}Vorgangsnummer`;

const flowIds = (page: Page) => page.locator('.flow-list [data-flow]').evaluateAll((els) => els.map((e) => e.getAttribute('data-flow')));

describe('flow designer in Chromium', () => {
  let app: App;

  afterAll(async () => {
    await app?.close();
    await stopServer();
  });

  it('shows the sample landscape with SVG icons, status badges and findings; keyboard, search, menu and stage filter work', async () => {
    app = await openApp();
    const { page } = app;
    await page.locator(sys('amt24')).waitFor({ timeout: 30_000 });
    // Icons are inline SVG (emoji rendered as empty boxes without an emoji font).
    expect(await page.locator(`${sys('amt24')} svg.sys-svg`).count()).toBe(1);
    expect(await page.locator(`${sys('integrationsdienst')} .adapter-row svg`).count()).toBe(2);
    expect(/\p{Extended_Pictographic}/u.test((await page.locator('.react-flow__nodes').textContent()) ?? '')).toBe(false);

    // Status badges from each flow's rule; the pass-through flow without target type is marked.
    await expect.poll(() => page.locator('[data-flow="a1-gewerberegister"] .status-badge').textContent()).toBe('übersetzbar');
    expect(await page.locator('[data-flow="einreichung"] .status-badge').textContent()).toBe('kein Mapping');
    expect(await page.getByTestId('findings').textContent()).toBe('1 Hinweis');
    expect(await page.locator('[data-flow-edge="einreichung"] .flow-warn.warning').count()).toBe(1);

    // Keyboard: arrow keys move between systems along the landscape.
    await page.locator('.react-flow__node[data-id="amt24"]').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe('integrationsdienst');
    expect(await page.locator(sys('integrationsdienst')).getAttribute('class')).toContain('selected');
    expect(await page.getByTestId('landscape-inspector').textContent()).toContain('Integrationsdienst / Datendrehscheibe');
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toMatch(/^(gewerbefachverfahren|dms)$/);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-id'))).toBe('integrationsdienst');

    // Search: systems and flows; Enter picks the first hit.
    await page.getByTestId('landscape-search').fill('E-Akte');
    expect(await page.locator('[data-hit]').first().getAttribute('data-hit')).toBe('system:dms');
    await page.getByTestId('landscape-search').press('Enter');
    await expect.poll(() => page.locator(sys('dms')).getAttribute('class')).toContain('selected');
    await page.getByTestId('landscape-search').fill('');

    // Context menu on a system, closed with Escape.
    await page.locator(`${sys('dms')} .ls-name`).click({ button: 'right' });
    const menu = page.getByTestId('context-menu');
    await menu.waitFor();
    expect(await menu.getByRole('menuitem').allTextContents()).toContain('Fluss von hier ziehen…');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'detached' });

    // Stage filter: only stage-2 flows remain, in the list and on the canvas.
    await page.getByTestId('stage-filter').selectOption('2');
    await expect.poll(() => flowIds(page)).toEqual(['a1-gewerberegister', 'dms-vorgang']);
    expect(await page.locator('.react-flow__edge[data-id="einreichung"]').count()).toBe(0);
    await page.getByTestId('stage-filter').selectOption('all');
    await expect.poll(() => flowIds(page)).toEqual(['einreichung', 'a1-gewerberegister', 'dms-vorgang']);

    // Running the flow's tests from the designer turns its badge to "tests pass".
    await page.locator('[data-flow-edge="a1-gewerberegister"]').click();
    await page.getByTestId('designer-run-tests').click();
    await expect.poll(() => page.getByTestId('flow-status').textContent(), { timeout: 90_000 }).toBe('Tests bestanden');
    expect(await page.getByTestId('designer-test-result').textContent()).toBe('3 bestanden, 0 fehlgeschlagen');
    expect(await page.locator('[data-flow="a1-gewerberegister"] .status-badge').textContent()).toBe('Tests bestanden');
    // A mapping edit makes that run stale too (the inspector reads the flow's test state, not the whole
    // flow), and undoing it brings back exactly the tested version, and with it the result.
    await page.locator('[data-flow="a1-gewerberegister"]').click();
    await onRow(app, 'target', VORGANGSNUMMER, (l) => l.click());
    await page.locator(treeRow('target', VORGANGSNUMMER)).press('Delete');
    await expect.poll(() => page.getByTestId('flow-status').textContent()).toBe('übersetzbar');
    expect(await page.getByTestId('designer-test-result').count()).toBe(0);
    await page.getByRole('button', { name: 'Rückgängig' }).click();
    await expect.poll(() => page.getByTestId('flow-status').textContent()).toBe('Tests bestanden');
    expect(await page.getByTestId('designer-test-result').textContent()).toBe('3 bestanden, 0 fehlgeschlagen');
    // Any change to the flow makes that run stale: the badge goes back to "compiles".
    await page.getByTestId('flow-stage').selectOption('3');
    await expect.poll(() => page.getByTestId('flow-status').textContent()).toBe('übersetzbar');
  });

  it('adds from the palette, edits adapters, refuses bad connections with a reason, connects, undoes, copies and deletes', async () => {
    const { page } = app;
    const before = await page.locator('.react-flow__node').count();
    // Zoom out for free space, then drag a lab system from the palette onto the canvas. The dot grid
    // behind the systems (DotGrid.tsx) zooms with them.
    const dotGap = () => page.getByTestId('dot-grid').evaluate((el) => parseFloat(getComputedStyle(el).backgroundSize));
    const gapBefore = await dotGap();
    await page.locator('.react-flow__controls-zoomout').click();
    await page.locator('.react-flow__controls-zoomout').click();
    await expect.poll(dotGap).toBeLessThan(gapBefore * 0.9);
    await page.dragAndDrop('[data-palette="specialised-system:lab"]', '.designer-canvas .react-flow__pane', { targetPosition: { x: 40, y: 20 } });
    await page.locator(sys('labor')).waitFor();
    expect(await page.locator('.react-flow__node').count()).toBe(before + 1);
    // Undo and redo it (Ctrl+Z / Ctrl+Y go through the same ops history as every edit).
    await page.keyboard.press('Control+z');
    await page.locator(sys('labor')).waitFor({ state: 'detached' });
    await page.keyboard.press('Control+y');
    await page.locator(sys('labor')).waitFor();

    // The new system's file adapter has no directories yet: marked on the canvas and in the inspector.
    await page.locator(sys('labor')).click();
    expect(await page.locator(sys('labor')).getAttribute('class')).toContain('has-warning');
    expect(await page.locator(`${sys('labor')} .adapter-row.issue`).count()).toBe(1);
    await page.getByTestId('adapter-inputDir').fill('/austausch/labor/eingang');
    await page.getByTestId('adapter-inputDir').press('Enter');
    await page.getByTestId('adapter-outputDir').fill('/austausch/labor/ausgang');
    await page.getByTestId('adapter-outputDir').press('Enter');
    await expect.poll(() => page.locator(sys('labor')).getAttribute('class')).not.toContain('has-warning');

    // Without an adapter, a flow into it is refused with the reason.
    await page.getByRole('button', { name: 'Adapter entfernen' }).click();
    await expect.poll(() => page.locator(sys('labor')).getAttribute('class')).toContain('has-warning');
    expect(await page.locator(`${sys('labor')} .ls-warn`).textContent()).toBe('Keine Adapter');
    const flowsBefore = (await flowIds(page)).length;
    const fit = async () => {
      await page.getByRole('button', { name: 'Alles zeigen' }).click();
      await page.waitForTimeout(400);
    };
    await fit();
    await drag(page, page.locator(handle('integrationsdienst', 'file', 'source')), page.locator(sys('labor')));
    const notice = page.getByTestId('canvas-notice');
    await notice.waitFor();
    expect(await notice.getAttribute('role')).toBe('alert');
    expect(await notice.textContent()).toContain('„Labor“ hat keinen Adapter');
    expect((await flowIds(page)).length).toBe(flowsBefore);

    // With a web service adapter: between two systems without the hub the kinds must match ...
    await page.locator(sys('labor')).click();
    await page.getByTestId('new-adapter-kind').selectOption('webservice');
    await page.getByTestId('add-adapter').click();
    await page.locator(`${sys('labor')} [data-adapter="webservice"]`).waitFor();
    await notice.getByRole('button', { name: 'Schließen' }).click();
    await notice.waitFor({ state: 'detached' });
    await fit();
    await drag(page, page.locator(handle('amt24', 'osci', 'source')), page.locator(handle('labor', 'webservice', 'target')));
    await expect.poll(() => notice.textContent()).toContain('OSCI passt nicht zu Webservice');
    expect((await flowIds(page)).length).toBe(flowsBefore);
    // ... through the hub any adapter will do: the new flow appears and is selected.
    await drag(page, page.locator(handle('integrationsdienst', 'file', 'source')), page.locator(handle('labor', 'webservice', 'target')));
    await expect.poll(() => flowIds(page)).toContain('integrationsdienst-labor');
    await page.getByTestId('flow-title').fill('Laborauftrag an das Labor');
    await page.getByTestId('flow-title').press('Enter');
    await page.getByTestId('flow-stage').selectOption('4');
    await expect.poll(() => page.locator('[data-flow="integrationsdienst-labor"]').textContent()).toContain('Laborauftrag an das Labor');
    expect(await page.locator('[data-flow="integrationsdienst-labor"] .stage-chip').textContent()).toBe('Stufe 4');

    // Copy and paste a system.
    await page.locator('.react-flow__node[data-id="labor"]').focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await page.locator(sys('labor-2')).waitFor();

    // Deleting a flow with a mapping asks first; Cancel keeps it, Delete removes it, Undo brings it back.
    await page.locator('.react-flow__edge[data-id="a1-gewerberegister"]').focus();
    await page.keyboard.press('Delete');
    const confirm = page.getByTestId('confirm-delete');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('A1 Gewerbeanmeldung an Gewerbefachverfahren');
    await confirm.getByRole('button', { name: 'Abbrechen' }).click();
    expect(await flowIds(page)).toContain('a1-gewerberegister');
    await page.locator('.react-flow__edge[data-id="a1-gewerberegister"]').focus();
    await page.keyboard.press('Delete');
    await page.getByTestId('confirm-delete-ok').click();
    await expect.poll(() => flowIds(page)).not.toContain('a1-gewerberegister');
    await page.keyboard.press('Control+z');
    await expect.poll(() => flowIds(page)).toContain('a1-gewerberegister');

    // A system whose flows have no mapping goes without asking.
    await page.locator('.react-flow__node[data-id="labor-2"]').focus();
    await page.keyboard.press('Delete');
    await page.locator(sys('labor-2')).waitFor({ state: 'detached' });
    expect(await page.getByTestId('confirm-delete').count()).toBe(0);
  });

  it('creates a project from a blueprint, lays it out left to right, enlarges and exports SVG and PNG', async () => {
    const { page } = app;
    await page.getByTestId('from-blueprint').click();
    const dialog = page.getByTestId('blueprint-dialog');
    await dialog.waitFor();
    await dialog.locator('[data-blueprint="gesundheitsamt"]').check();
    await page.getByTestId('blueprint-create').click();
    await page.locator(sys('octoware')).waitFor();
    expect(await page.getByTestId('project-select').locator('option:checked').textContent()).toBe('Gesundheitsamt (DiGASax)');
    expect(await flowIds(page)).toHaveLength(8);
    // No flow has a message type yet: the canvas says so.
    expect(await page.getByTestId('findings').textContent()).toBe('8 Hinweise');

    await page.getByTestId('arrange').click();
    await expect.poll(() => page.getByTestId('designer').getAttribute('data-layout-ms'), { timeout: 30_000 }).not.toBeNull();
    await page.waitForTimeout(400);
    const x = async (id: string) => (await page.locator(sys(id)).boundingBox())!.x;
    expect(await x('autista')).toBeLessThan(await x('integrationsdienst'));
    expect(await x('integrationsdienst')).toBeLessThan(await x('stala'));

    await page.getByTestId('enlarge').click();
    await expect.poll(() => page.getByTestId('designer').getAttribute('class')).toContain('enlarged');
    expect((await page.getByTestId('designer').boundingBox())!.width).toBe(1600);
    await page.getByTestId('enlarge').click();
    await expect.poll(() => page.getByTestId('designer').getAttribute('class')).not.toContain('enlarged');

    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
    expect(svg.suggestedFilename()).toMatch(/-landschaft\.svg$/);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText.startsWith('<svg')).toBe(true);
    expect(svgText).toContain('Gesundheitsamt (Octoware)');
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    const bytes = readFileSync((await png.path())!);
    expect([...bytes.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(10_000);
  });

  it('opens a project whose flows point at a deleted system with those flows marked, not dropped', async () => {
    const { page } = app;
    const r = loadProject(readFileSync(join(ROOT, 'samples/gewerbeanmeldung/gewerbeanmeldung.regelwerk.json'), 'utf8'));
    if (!r.ok) throw new Error('sample does not load');
    const broken = { ...r.project, id: 'ohne-fachverfahren', name: 'Ohne Fachverfahren', systems: r.project.systems.filter((s) => s.id !== 'gewerbefachverfahren') };
    await page.getByTestId('open-file').setInputFiles({ name: 'ohne-fachverfahren.regelwerk.json', mimeType: 'application/json', buffer: Buffer.from(saveProject(broken)) });
    await page.locator('[data-ghost="gewerbefachverfahren"]').waitFor();
    expect(await page.getByTestId('load-errors').count()).toBe(0);
    expect(await flowIds(page)).toEqual(['einreichung', 'a1-gewerberegister', 'dms-vorgang']);
    expect(await page.locator('[data-flow="a1-gewerberegister"]').getAttribute('class')).toContain('dangling');
    expect(await page.locator('[data-flow-edge="a1-gewerberegister"]').getAttribute('class')).toContain('dangling');
    expect(await page.getByTestId('findings').getAttribute('class')).toContain('error');
    // The placeholder explains and offers to reconnect; the flow's mapping is still there.
    await page.locator('[data-ghost="gewerbefachverfahren"]').click();
    expect(await page.getByTestId('landscape-inspector').textContent()).toContain('Gelöschtes System');
    await page.locator('[data-flow="a1-gewerberegister"]').click();
    await page.locator('.tree-target').first().waitFor();
    expect(app.pageErrors).toEqual([]);
    expect(app.foreignRequests).toEqual([]);
  });
});
