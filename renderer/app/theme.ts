import { createTheme, type Theme } from '@mui/material/styles';
import type { ThemeMode } from './preferences';

export function createOknoTheme(mode: ThemeMode): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'light' ? '#1f4e8c' : '#8ab4f8' },
      secondary: { main: mode === 'light' ? '#b23b2e' : '#f28b82' },
    },
    shape: { borderRadius: 8 },
    typography: {
      fontFamily: ['"Segoe UI"', 'Roboto', '"Noto Sans"', '"PT Sans"', 'Arial', 'sans-serif'].join(','),
    },
  });
}
