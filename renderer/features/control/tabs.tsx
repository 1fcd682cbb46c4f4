/**
 * The tabs of «Аналитика», in order: one entry each. Another view of the organisation's work (answer
 * quality) is one more entry here and its component in this folder.
 */
import type { ReactNode } from 'react';
import type { AnalyticsTabContext } from './context';
import { HelpedTab } from './HelpedTab';
import { HotSpotsTab } from './HotSpotsTab';

export interface AnalyticsTab {
  readonly id: string;
  /** i18n key in the `control` namespace */
  readonly label: 'tabs.hotSpots' | 'tabs.helped';
  readonly render: (context: AnalyticsTabContext) => ReactNode;
  /** Shown to supervisors and administrators only (its figures span departments). */
  readonly organisationWide?: boolean;
}

export const analyticsTabs: readonly AnalyticsTab[] = [
  { id: 'hot-spots', label: 'tabs.hotSpots', render: (c) => <HotSpotsTab {...c} /> },
  { id: 'helped', label: 'tabs.helped', render: (c) => <HelpedTab {...c} />, organisationWide: true },
];
