// Namespace "common" (Russian, the reference language).
export default {} as const;
