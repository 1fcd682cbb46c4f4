/**
 * PostgreSQL stores neither U+0000 nor an unpaired UTF-16 surrogate in `text` or `jsonb`: one such
 * character in a citizen's message made every write of it fail — the message never reached the
 * inbox, and the error's details carried its text into the log (finding 3). The normalised event
 * gets U+FFFD in their place, as the webhooks' body parser and the raw store do, so the message
 * is kept.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what is matched here
const unstorable = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replace(unstorable, '\uFFFD');
}

/** Every string in plain objects and arrays, at any depth, made storable; anything else kept as is. */
export function storableStrings<T>(value: T): T {
  if (typeof value === 'string') return storableText(value) as T;
  if (Array.isArray(value)) return value.map(storableStrings) as T;
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(
      Object.entries(value).map(([key, field]) => [key, storableStrings(field)]),
    ) as T;
  return value;
}
