import type ru from '../ru/common';
import type { Translation } from '../types';

// Namespace "common" (English): must have exactly the keys of the Russian file.
export default {} satisfies Translation<typeof ru>;
