/** A document id in the shared pattern (`[A-Za-z0-9_-]{1,40}`). */
export const newDocumentId = (): string => crypto.randomUUID();
