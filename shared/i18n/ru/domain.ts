// Namespace "domain" (Russian, the reference language).
export default {} as const;
