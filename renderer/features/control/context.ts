import type { SessionUser, TokenSource } from '../../api/client';

/** What every tab of «Аналитика» is given (./tabs.tsx). */
export interface AnalyticsTabContext {
  readonly user: SessionUser;
  readonly tokens: TokenSource;
  readonly onOpenAppeal: (appealId: string) => void;
}
