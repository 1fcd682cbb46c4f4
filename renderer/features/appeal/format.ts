// Moved to renderer/app/format.ts (issue 9: a feature does not import another feature). This
// re-export serves the importers being rewritten at the same time and goes when they have moved.
export { useNow } from '../../app/format';
