import type { Page } from '@playwright/test';

/**
 * Every string a user can see or hear on the page: visible text nodes, plus the accessible labels,
 * placeholders and titles of visible elements (screen readers announce those).
 */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const isVisible = (element: Element | null): boolean => {
      if (!element) return false;
      const box = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
    };
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const value = node.textContent?.trim();
      if (value && isVisible(node.parentElement)) texts.push(value);
    }
    for (const element of document.querySelectorAll('[aria-label], [placeholder], [title]')) {
      if (!isVisible(element)) continue;
      for (const attribute of ['aria-label', 'placeholder', 'title']) {
        const value = element.getAttribute(attribute)?.trim();
        if (value) texts.push(value);
      }
    }
    texts.push(document.title);
    return [...new Set(texts)];
  });
}

/** An i18n key that slipped through untranslated: `app:login.title`, `login.errors.network`, … */
export const looksLikeI18nKey = (text: string): boolean =>
  /^[a-z][\w-]*:[\w.-]+$/i.test(text) || /^[a-z][a-zA-Z0-9-]*(\.[a-zA-Z0-9-]+)+$/.test(text);

export const hasCyrillic = (text: string): boolean => /[\u0400-\u04FF]/.test(text);
