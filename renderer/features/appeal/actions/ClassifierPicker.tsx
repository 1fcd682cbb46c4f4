import FormControl from '@mui/material/FormControl';
import FormHelperText from '@mui/material/FormHelperText';
import InputLabel from '@mui/material/InputLabel';
import MenuItem from '@mui/material/MenuItem';
import Select from '@mui/material/Select';
import Stack from '@mui/material/Stack';
import {
  type ClassifierNode,
  type ClassifierSection,
  classifierSections,
} from '../../../../shared/domain/classifier';
import { labelKey } from '../../../../shared/model/labels';
import { useClassifier } from '../../../app/classifier';
import { useT } from '../../../app/translate';

const levels = ['section', 'subject', 'topic', 'question'] as const;

/**
 * Picks a question-level code of the thematic classifier by walking the tree: section → subject →
 * topic → question. Titles below the section are the edition's data (Russian, as published).
 */
export function ClassifierPicker({
  value,
  onChange,
  required,
}: {
  value: string;
  onChange: (code: string) => void;
  required: boolean;
}) {
  const { t } = useT();
  // The organisation's edition, or the bundled sample until it has one (renderer/app/classifier.ts).
  const tree = useClassifier();
  if (!tree) return null;
  const path = value ? tree.path(value) : [];
  const sectionTitle = (node: ClassifierNode) =>
    (classifierSections as readonly string[]).includes(node.code.slice(0, 4)) && node.level === 'section'
      ? t(labelKey.classifierSection(node.code.slice(0, 4) as ClassifierSection))
      : node.title;
  const optionsAt = (depth: number): readonly ClassifierNode[] =>
    depth === 0 ? tree.sections : path[depth - 1] ? tree.children(path[depth - 1]!.code) : [];

  return (
    <Stack spacing={1.5} role="group" aria-label={t('actions.classifier.label')}>
      {levels.map((level, depth) => {
        const options = optionsAt(depth);
        const selected = path[depth]?.code ?? '';
        const id = `classifier-${level}`;
        return (
          <FormControl key={level} size="small" disabled={options.length === 0} required={required}>
            <InputLabel id={`${id}-label`}>{t(`actions.classifier.${level}`)}</InputLabel>
            <Select
              labelId={`${id}-label`}
              label={t(`actions.classifier.${level}`)}
              value={selected}
              onChange={(event) => onChange(String(event.target.value))}
            >
              {options.map((node) => (
                <MenuItem key={node.code} value={node.code}>
                  {node.code} — {sectionTitle(node)}
                </MenuItem>
              ))}
            </Select>
          </FormControl>
        );
      })}
      {tree.sample && <FormHelperText>{t('actions.classifier.sampleEdition')}</FormHelperText>}
    </Stack>
  );
}
