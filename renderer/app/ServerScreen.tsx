import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import type { ApiFailure, ApiResult } from '../api/client';
import { ArrowBackIcon } from './icons';

/** A change asked of the server: done, or refused with why. */
type Change = () => Promise<{ ok: true } | { ok: false; error: ApiFailure }>;

/**
 * The state of a screen whose data is all the server's («Качество ответов», «Подсказки»): what was
 * loaded, the last refusal, the last change's notice. `fetch` must keep its identity between renders
 * (useCallback): a new one loads again.
 */
export function useServerScreen<Loaded>(fetch: () => Promise<ApiResult<Loaded>>) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = useCallback(async () => {
    const result = await fetch();
    if (!result.ok) return setFailure(result.error);
    setFailure(null);
    setLoaded(result.value);
  }, [fetch]);
  useEffect(() => {
    void load();
  }, [load]);

  /** Runs a change; on success says `done` and reloads, on refusal shows why. */
  const change = async (run: Change, done: string) => {
    const result = await run();
    if (!result.ok) {
      setNotice(null);
      return setFailure(result.error);
    }
    setFailure(null);
    setNotice(done);
    await load();
  };
  return { loaded, failure, notice, closeNotice: () => setNotice(null), load, change };
}

export type ServerScreenState<Loaded> = ReturnType<typeof useServerScreen<Loaded>>;

/**
 * The frame of such a screen: back, title and refresh; `lead` (tabs, an introduction); the refusal
 * and the notice; «loading» until the data is there, then `children` with it.
 */
export function ServerScreen<Loaded>({
  screen,
  texts,
  testIds,
  onBack,
  lead,
  children,
}: {
  screen: ServerScreenState<Loaded>;
  texts: {
    back: string;
    title: string;
    refresh: string;
    loading: string;
    failure: (failure: ApiFailure) => string;
  };
  testIds: { screen: string; failure: string; notice: string };
  onBack: () => void;
  lead: ReactNode;
  children: (loaded: Loaded) => ReactNode;
}) {
  const { loaded, failure, notice } = screen;
  return (
    <Stack spacing={2} sx={{ p: 2, overflow: 'auto', height: '100%' }} data-testid={testIds.screen}>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
        <Button startIcon={<ArrowBackIcon />} onClick={onBack}>
          {texts.back}
        </Button>
        <Typography variant="h5" component="h1">
          {texts.title}
        </Typography>
        <Button onClick={() => void screen.load()}>{texts.refresh}</Button>
      </Stack>
      {lead}
      {failure && (
        <Alert severity="error" data-testid={testIds.failure}>
          {texts.failure(failure)}
        </Alert>
      )}
      {notice && (
        <Alert severity="success" data-testid={testIds.notice} onClose={screen.closeNotice}>
          {notice}
        </Alert>
      )}
      {!loaded ? !failure && <Typography>{texts.loading}</Typography> : children(loaded)}
    </Stack>
  );
}
