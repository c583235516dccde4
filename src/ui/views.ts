/**
 * Top-level views besides the designer (landscape + mapper). An area adds its view by listing it here;
 * the shell renders the switcher and the active view.
 */
import type { ComponentType } from 'react';
import { DepotView } from './depot/DepotView.tsx';
import { OrgsView } from './orgs/OrgsView.tsx';

export interface AppView {
  id: string;
  label: { de: string; en: string };
  component: ComponentType;
}

export const EXTRA_VIEWS: AppView[] = [
  { id: 'orgs', label: { de: 'Organisationen', en: 'Organisations' }, component: OrgsView },
  { id: 'depot', label: { de: 'Regeldepot', en: 'Rule depot' }, component: DepotView },
];
