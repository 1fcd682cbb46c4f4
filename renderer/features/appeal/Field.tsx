import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { useT } from '../../app/translate';

/** A labelled value of a card; an empty value reads "not specified". */
export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const { t } = useT();
  const empty = children === null || children === undefined || children === '';
  return (
    <Box>
      <Typography variant="caption" color="text.secondary" component="div">
        {label}
      </Typography>
      <Box data-testid={testId} sx={{ typography: 'body2' }}>
        {empty ? t('common:notSpecified') : children}
      </Box>
    </Box>
  );
}
