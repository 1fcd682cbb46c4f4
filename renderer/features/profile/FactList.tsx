import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/**
 * Terms and their values as a description list, a row each: the profile's facts and its «Версия и
 * обновления». With `testIdPrefix`, each value carries `<prefix>-<term>` for the journeys.
 */
export function FactList({ facts, testIdPrefix }: { facts: [string, string][]; testIdPrefix?: string }) {
  return (
    <Stack component="dl" spacing={1} sx={{ m: 0 }}>
      {facts.map(([term, value]) => (
        <Stack key={term} direction="row" spacing={2}>
          <Typography component="dt" color="text.secondary" sx={{ minWidth: 160 }}>
            {term}
          </Typography>
          <Typography
            component="dd"
            sx={{ m: 0, overflowWrap: 'anywhere' }}
            {...(testIdPrefix ? { 'data-testid': `${testIdPrefix}-${term}` } : {})}
          >
            {value}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
}
