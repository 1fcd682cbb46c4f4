/**
 * The tabs of «Администрирование», in order: one entry each. Another administration screen (channel
 * accounts, templates, organisation settings) is one more entry here and its component in this folder.
 */
import type { ReactNode } from 'react';
import type { TokenSource } from '../../api/client';
import { ChannelsTab } from './ChannelsTab';
import { ClassifierTab } from './ClassifierTab';
import { DepartmentsTab } from './DepartmentsTab';
import { JournalTab } from './JournalTab';
import { LetterheadTab } from './LetterheadTab';
import { OrganisationTab } from './OrganisationTab';
import { ReleasesTab } from './ReleasesTab';
import { StaffTab } from './StaffTab';
import { TerritoriesTab } from './TerritoriesTab';

export interface AdminTabContext {
  readonly tokens: TokenSource;
  /** The signed-in administrator (who cannot disable themselves). */
  readonly userId: string;
}

export interface AdminTab {
  readonly id: string;
  /** i18n key in the `admin` namespace */
  readonly label:
    | 'tabs.staff'
    | 'tabs.organisation'
    | 'tabs.departments'
    | 'tabs.channels'
    | 'tabs.letterhead'
    | 'tabs.classifier'
    | 'tabs.updates'
    | 'tabs.territories'
    | 'tabs.journal';
  readonly render: (context: AdminTabContext) => ReactNode;
}

export const adminTabs: readonly AdminTab[] = [
  { id: 'staff', label: 'tabs.staff', render: (c) => <StaffTab tokens={c.tokens} selfId={c.userId} /> },
  { id: 'organisation', label: 'tabs.organisation', render: (c) => <OrganisationTab tokens={c.tokens} /> },
  { id: 'departments', label: 'tabs.departments', render: (c) => <DepartmentsTab tokens={c.tokens} /> },
  { id: 'channels', label: 'tabs.channels', render: (c) => <ChannelsTab tokens={c.tokens} /> },
  { id: 'letterhead', label: 'tabs.letterhead', render: (c) => <LetterheadTab tokens={c.tokens} /> },
  { id: 'classifier', label: 'tabs.classifier', render: (c) => <ClassifierTab tokens={c.tokens} /> },
  { id: 'updates', label: 'tabs.updates', render: (c) => <ReleasesTab tokens={c.tokens} /> },
  { id: 'territories', label: 'tabs.territories', render: (c) => <TerritoriesTab tokens={c.tokens} /> },
  { id: 'journal', label: 'tabs.journal', render: (c) => <JournalTab tokens={c.tokens} /> },
];
