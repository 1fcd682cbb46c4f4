import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import { useRef, useState } from 'react';
import { appealScanRule, uploadAccept, uploadProblem } from '../../shared/model/answer-files';
import { AttachmentIcon } from './icons';
import { useT } from './translate';

/**
 * «Добавить скан» (issue 10): picks the applicant's written appeal and its enclosures for a reception
 * or postal appeal, checked by the shared scan rule (shared/model/answer-files.ts) before anything is
 * kept; a refused file is named with the reason. The reception card and the appeal both use it.
 */
export function ScanPicker({ onPick }: { onPick: (files: File[]) => void }) {
  const { t } = useT();
  const picker = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);

  function picked(list: FileList | null) {
    const files = Array.from(list ?? []);
    setProblems(
      files.flatMap((file) => {
        const problem = uploadProblem(appealScanRule, file);
        return problem ? [t(`work:scans.problems.${problem}`, { name: file.name })] : [];
      }),
    );
    const accepted = files.filter((file) => uploadProblem(appealScanRule, file) === null);
    if (accepted.length > 0) onPick(accepted);
    if (picker.current) picker.current.value = '';
  }

  return (
    <Stack spacing={1} sx={{ alignItems: 'flex-start' }}>
      <input
        ref={picker}
        type="file"
        multiple
        hidden
        accept={uploadAccept(appealScanRule)}
        data-testid="scan-input"
        onChange={(event) => picked(event.target.files)}
      />
      <Button
        variant="outlined"
        size="small"
        startIcon={<AttachmentIcon fontSize="small" />}
        onClick={() => picker.current?.click()}
        title={t('work:scans.hint')}
      >
        {t('work:scans.add')}
      </Button>
      {problems.map((problem) => (
        <Alert key={problem} severity="error" role="alert" onClose={() => setProblems([])}>
          {problem}
        </Alert>
      ))}
    </Stack>
  );
}
