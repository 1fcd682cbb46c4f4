import { fail, ok, type Result } from '../result';
import { type ClassifierLevel, parseClassifierCode } from './code';

/**
 * A loaded edition of the thematic classifier. Editions are data: Okno ships a small sample
 * (`sample-edition.json`), an organisation loads its official edition in the same format:
 *
 * ```json
 * { "format": "okno-classifier/1", "edition": "2025-03", "sample": false,
 *   "entries": [{ "code": "0001.0000.0000.0000", "title": "Государство, общество, политика" }, …] }
 * ```
 *
 * Entries are flat and may come in any order; each node's parent is implied by its code and must be
 * present (a section has none).
 */
export interface ClassifierNode {
  code: string;
  title: string;
  level: ClassifierLevel;
  parentCode: string | null;
}

export interface ClassifierTree {
  edition: string;
  /** True for Okno's bundled sample edition: not for reporting to ССТУ. */
  sample: boolean;
  size: number;
  sections: readonly ClassifierNode[];
  get(code: string): ClassifierNode | undefined;
  /** Direct children, ordered by code; empty for a leaf or an unknown code. */
  children(code: string): readonly ClassifierNode[];
  /** The node and its ancestors from the section down; empty for an unknown code. */
  path(code: string): readonly ClassifierNode[];
}

const classifierFormat = 'okno-classifier/1';
const maxEntries = 100_000;
const maxTitleLength = 500;
const maxEditionLength = 100;

export function loadClassifier(json: unknown): Result<ClassifierTree> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return fail('domain:classifier.notAnEdition');
  const { format, edition, sample, entries } = json as Record<string, unknown>;
  if (format !== classifierFormat) return fail('domain:classifier.formatUnknown', { format: String(format) });
  if (typeof edition !== 'string' || edition.trim() === '' || edition.length > maxEditionLength) {
    return fail('domain:classifier.editionMissing');
  }
  if (!Array.isArray(entries) || entries.length === 0) return fail('domain:classifier.entriesMissing');
  if (entries.length > maxEntries) return fail('domain:classifier.tooManyEntries', { max: maxEntries });

  const nodes = new Map<string, ClassifierNode>();
  for (const [index, entry] of entries.entries()) {
    const node = readEntry(entry, index);
    if (!node.ok) return node;
    if (nodes.has(node.value.code)) return fail('domain:classifier.duplicateCode', { code: node.value.code });
    nodes.set(node.value.code, node.value);
  }
  const children = new Map<string, ClassifierNode[]>();
  for (const node of nodes.values()) {
    if (node.parentCode === null) continue;
    if (!nodes.has(node.parentCode)) return fail('domain:classifier.parentMissing', { code: node.code });
    const siblings = children.get(node.parentCode) ?? [];
    siblings.push(node);
    children.set(node.parentCode, siblings);
  }
  return ok(buildTree(edition, sample === true, nodes, children));
}

function readEntry(entry: unknown, index: number): Result<ClassifierNode> {
  if (typeof entry !== 'object' || entry === null) return fail('domain:classifier.entryInvalid', { index });
  const { code, title } = entry as Record<string, unknown>;
  const parsed = parseClassifierCode(code);
  if (!parsed.ok) return fail(parsed.error.code, { ...parsed.error.params, index });
  if (typeof title !== 'string' || title.trim() === '' || title.length > maxTitleLength) {
    return fail('domain:classifier.titleMissing', { code: parsed.value.code, index });
  }
  const { level, parentCode } = parsed.value;
  return ok({ code: parsed.value.code, title: title.trim(), level, parentCode });
}

const byCode = (a: ClassifierNode, b: ClassifierNode) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

function buildTree(
  edition: string,
  sample: boolean,
  nodes: Map<string, ClassifierNode>,
  children: Map<string, ClassifierNode[]>,
): ClassifierTree {
  for (const list of children.values()) list.sort(byCode);
  const sections = [...nodes.values()].filter((node) => node.parentCode === null).sort(byCode);
  const path = (code: string): ClassifierNode[] => {
    const node = nodes.get(code);
    if (!node) return [];
    return node.parentCode === null ? [node] : [...path(node.parentCode), node];
  };
  return {
    edition,
    sample,
    size: nodes.size,
    sections,
    get: (code) => nodes.get(code),
    children: (code) => children.get(code) ?? [],
    path,
  };
}
