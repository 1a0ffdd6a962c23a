import type { ViewId } from '../store';
import type { IconName } from './icons';

export interface NavItem {
  view: ViewId;
  label: string;
  icon: IconName;
}

/** The sidebar, in order, grouped. */
export const navGroups: { label: string; items: NavItem[] }[] = [
  {
    label: 'Analysis',
    items: [
      { view: 'overview', label: 'Overview', icon: 'overview' },
      { view: 'ai-quality', label: 'AI & Quality', icon: 'quality' },
      { view: 'delivery', label: 'Delivery', icon: 'delivery' },
      { view: 'customers', label: 'Customers', icon: 'customers' },
      { view: 'teams', label: 'Teams', icon: 'teams' },
    ],
  },
  { label: 'Plan', items: [{ view: 'scenarios', label: 'Scenarios', icon: 'scenarios' }] },
  {
    label: 'Workspace',
    items: [
      { view: 'data', label: 'Data', icon: 'data' },
      { view: 'settings', label: 'Settings', icon: 'settings' },
    ],
  },
];
