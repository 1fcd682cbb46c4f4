/** The same keys as the Russian reference, with any string values: English must cover every key. */
export type Translation<T> = { [K in keyof T]: T[K] extends string ? string : Translation<T[K]> };
