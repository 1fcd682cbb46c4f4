import type ru from '../ru/domain';
import type { Translation } from '../types';

// Namespace "domain" (English): must have exactly the keys of the Russian file.
export default {} satisfies Translation<typeof ru>;
