/** The executable of the Electron package at `packageDir`, or null when none was downloaded. */
export function electronBinary(packageDir: string): string | null;
