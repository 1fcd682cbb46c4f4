/**
 * Several officials at once, each in a browser context of their own (own storage, own session, own
 * local database), as two people at two computers: `officials.signIn('demo-operator')` opens a page in
 * a fresh context, signs in through the login screen and waits for the inbox. The contexts close when
 * the journey ends, passed or failed. Journeys that need it import `test` and `expect` from here.
 */
import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { signInToInbox } from './inbox-page';

export interface Officials {
  /** A page of a new browser context, signed in as `login` with its inbox shown. */
  signIn(login: string): Promise<Page>;
}

export const test = base.extend<{ officials: Officials }>({
  officials: async ({ browser }, use) => {
    const contexts: BrowserContext[] = [];
    await use({
      async signIn(login) {
        const context = await browser.newContext();
        contexts.push(context);
        const page = await context.newPage();
        await signInToInbox(page, login);
        return page;
      },
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect } from '@playwright/test';
