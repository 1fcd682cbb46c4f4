import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useFormatters } from '../../app/format';
import { ScanPicker } from '../../app/ScanPicker';
import { useT } from '../../app/translate';

/** The same file picked twice is kept once. */
const keyOf = (file: File) => `${file.name}|${file.size}|${file.lastModified}`;

/**
 * The applicant's written appeal and its enclosures, scanned at reception or from the postal letter
 * (issue 10). Chosen here, they are kept on this computer with the appeal when it is saved and
 * uploaded by the scan queue (renderer/db/scan-queue.ts) once the appeal has reached the server.
 */
export function ScansSection({
  scans,
  onChange,
}: {
  scans: readonly File[];
  onChange: (scans: File[]) => void;
}) {
  const { t } = useT();
  const { formatSize } = useFormatters();
  return (
    <Paper variant="outlined" sx={{ p: 2 }}>
      <Stack spacing={1}>
        <Typography variant="subtitle1" component="h2">
          {t('work:scans.chosen')}
        </Typography>
        <Typography variant="caption" color="text.secondary">
          {t('work:scans.hint')}
        </Typography>
        {scans.length > 0 && (
          <Stack direction="row" sx={{ flexWrap: 'wrap', gap: 1 }} data-testid="chosen-scans">
            {scans.map((scan) => (
              <Chip
                key={keyOf(scan)}
                label={`${scan.name} · ${formatSize(scan.size)}`}
                onDelete={() => onChange(scans.filter((other) => other !== scan))}
                title={t('work:scans.remove', { name: scan.name })}
              />
            ))}
          </Stack>
        )}
        <ScanPicker
          onPick={(files) => {
            const chosen = new Set(scans.map(keyOf));
            onChange([...scans, ...files.filter((file) => !chosen.has(keyOf(file)))]);
          }}
        />
      </Stack>
    </Paper>
  );
}
