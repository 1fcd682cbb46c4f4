import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../api/client';
import { LogoutIcon, SyncIcon } from './icons';
import { LanguageSelect } from './LanguageSelect';
import type { ThemeMode } from './preferences';
import { roleLabel } from './role-label';
import { ThemeToggle } from './ThemeToggle';

interface TopBarProps {
  readonly user: SessionUser | null;
  readonly theme: ThemeMode;
  readonly onThemeChange: (mode: ThemeMode) => void;
  readonly onSignOut: () => void;
  /** Opens the profile and session panel (signed in only). */
  readonly onProfile?: () => void;
  /**
   * Where the live sync status and the bell go once the local database is open: the signed-in app
   * renders them there through a portal, from inside its database providers, so the bar itself stays
   * the same element from sign-in on (a bar mounted again when the database opened lost a click).
   */
  readonly statusSlot?: (element: HTMLElement | null) => void;
  /** The database is open and the slot holds the live status; until then «not started» is shown. */
  readonly syncing?: boolean;
}

export function TopBar({
  user,
  theme,
  onThemeChange,
  onSignOut,
  onProfile,
  statusSlot,
  syncing = false,
}: TopBarProps) {
  const { t } = useTranslation();
  return (
    <AppBar position="static" component="header">
      <Toolbar sx={{ gap: 2 }}>
        <Typography variant="h6" component="p" sx={{ fontWeight: 700 }}>
          {t('name')}
        </Typography>
        <Typography variant="body2" sx={{ opacity: 0.8, display: { xs: 'none', md: 'block' } }}>
          {t('tagline')}
        </Typography>
        <Box sx={{ flexGrow: 1 }} />
        {user && <Box ref={statusSlot} sx={{ display: 'flex', gap: 2, alignItems: 'center' }} />}
        {user && !syncing && (
          <Box role="status" aria-label={t('shell.sync.label')}>
            <Chip
              icon={<SyncIcon />}
              label={t('shell.sync.notStarted')}
              variant="outlined"
              sx={{ color: 'inherit', borderColor: 'currentColor', '.MuiChip-icon': { color: 'inherit' } }}
            />
          </Box>
        )}
        {user && (
          <Stack
            direction="row"
            spacing={1}
            sx={{ alignItems: 'center' }}
            aria-label={t('shell.userMenu', { name: user.fullName })}
          >
            <Stack
              sx={{ textAlign: 'right', cursor: onProfile ? 'pointer' : undefined }}
              {...(onProfile
                ? {
                    role: 'button',
                    tabIndex: 0,
                    title: t('sync.session.profile'),
                    onClick: onProfile,
                    onKeyDown: (event: KeyboardEvent) => {
                      if (event.key === 'Enter' || event.key === ' ') onProfile();
                    },
                  }
                : {})}
            >
              <Typography variant="body2" data-testid="user-name">
                {user.fullName}
              </Typography>
              <Typography variant="caption" sx={{ opacity: 0.8 }} data-testid="user-role">
                {roleLabel(t, user.role)}
              </Typography>
            </Stack>
            <Tooltip title={t('shell.logout')}>
              <IconButton color="inherit" aria-label={t('shell.logout')} onClick={onSignOut}>
                <LogoutIcon />
              </IconButton>
            </Tooltip>
          </Stack>
        )}
        {/* Last, so signing out leaves them where they were: nothing slides under the pointer and
            opens its tooltip on the login screen (issue 11, defect 14). */}
        <LanguageSelect />
        <ThemeToggle mode={theme} onChange={onThemeChange} />
      </Toolbar>
    </AppBar>
  );
}
