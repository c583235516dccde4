/**
 * Top-level views besides the designer (landscape + mapper). An area adds its view by listing it here;
 * the shell renders the switcher and the active view.
 */
import type { ComponentType } from 'react';

export interface AppView {
  id: string;
  label: { de: string; en: string };
  component: ComponentType;
}

export const EXTRA_VIEWS: AppView[] = [];
