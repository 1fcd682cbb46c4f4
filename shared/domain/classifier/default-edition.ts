import type { Result } from '../result';
import sampleEdition from './sample-edition.json';
import { type ClassifierTree, loadClassifier } from './tree';

/**
 * Okno's bundled sample edition: the five real sections with a few dozen representative subjects,
 * topics and questions. Below the section level its codes are illustrative, not official; it is
 * marked `sample: true` so reports can refuse it. Organisations load the official edition.
 */
export const sampleClassifierEdition: unknown = sampleEdition;

/** The five sections of the typical classifier, as in every official edition. */
export const classifierSections = ['0001', '0002', '0003', '0004', '0005'] as const;
export type ClassifierSection = (typeof classifierSections)[number];

export function loadSampleClassifier(): Result<ClassifierTree> {
  return loadClassifier(sampleEdition);
}
