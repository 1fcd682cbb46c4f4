import type ru from '../ru/validation';
import type { Translation } from '../types';

// Namespace "validation" (English): must have exactly the keys of the Russian file.
export default {} satisfies Translation<typeof ru>;
