import type ru from '../ru/deadlines';
import type { Translation } from '../types';

// Namespace "deadlines" (English): must have exactly the keys of the Russian file.
export default {} satisfies Translation<typeof ru>;
