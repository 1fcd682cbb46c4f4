// Namespace "deadlines" (Russian, the reference language).
export default {} as const;
