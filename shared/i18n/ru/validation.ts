// Namespace "validation" (Russian, the reference language).
export default {} as const;
