import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOrganisationSettings } from './organisation';

/** The organisation's time zone (deadlines are its wall-calendar dates), Moscow until it syncs. */
function useOrgTimeZone(): string {
  return useOrganisationSettings().timeZone;
}

const locales: Record<string, string> = { ru: 'ru-RU', en: 'en-GB' };

/** Dates and sizes in the UI language; instants on the organisation's clock, `YYYY-MM-DD` dates as written. */
export function useFormatters() {
  const { i18n } = useTranslation();
  const timeZone = useOrgTimeZone();
  return useMemo(() => {
    const locale = locales[i18n.language] ?? 'ru-RU';
    const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'short', timeStyle: 'short' });
    const date = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', dateStyle: 'long' });
    const formatDate = (value: number | string): string =>
      typeof value === 'string'
        ? date.format(new Date(`${value}T00:00:00Z`))
        : dateTime.format(new Date(value));
    const bytes = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    const formatSize = (size: number): string =>
      size < 1024
        ? `${size} B`
        : size < 1024 * 1024
          ? `${bytes.format(size / 1024)} KB`
          : `${bytes.format(size / 1024 / 1024)} MB`;
    return { formatDate, formatSize, timeZone, language: i18n.language };
  }, [i18n.language, timeZone]);
}

/** The current time, refreshed every `intervalMs` (deadline badges count down). */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
