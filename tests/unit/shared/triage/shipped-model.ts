// The shipped triage model (resources/triage/model.json), loaded once for the tests that read it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTriageModel, type TriageModel } from '../../../../shared/triage/model';

export const shippedModelFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../resources/triage/model.json',
);

let model: TriageModel | undefined;

export function shippedModel(): TriageModel {
  model ??= loadTriageModel(JSON.parse(readFileSync(shippedModelFile, 'utf8')));
  return model;
}
