import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../api/client';
import type { SectionId } from './navigation';
import { useNavigation } from './navigation';
import { sections, sectionsFor } from './RouteOutlet';

const railWidth = 92;

/** The screens this role works in, always in sight on the left (the table is RouteOutlet's `sections`). */
export function NavigationRail({ user }: { user: SessionUser }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const current: SectionId = navigation.route.name === 'appeal' ? 'inbox' : navigation.route.name;
  return (
    <Box
      component="nav"
      aria-label={t('nav.label')}
      sx={{
        width: railWidth,
        flexShrink: 0,
        borderRight: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
        position: 'sticky',
        top: 0,
        alignSelf: 'flex-start',
        height: 'calc(100vh - 64px)',
        display: 'flex',
        flexDirection: 'column',
        gap: 0.5,
        py: 1,
      }}
    >
      {sectionsFor(user.role).map((id) => {
        const section = sections[id];
        const Icon = section.icon;
        const selected = id === current;
        return (
          <ButtonBase
            key={id}
            data-testid={`nav-${id}`}
            aria-current={selected ? 'page' : undefined}
            onClick={() => navigation.openSection(id)}
            sx={{
              mx: 1,
              py: 1,
              borderRadius: 2,
              display: 'flex',
              flexDirection: 'column',
              gap: 0.5,
              color: selected ? 'primary.main' : 'text.secondary',
              bgcolor: selected ? 'action.selected' : 'transparent',
              '&:hover': { bgcolor: 'action.hover' },
              '&.Mui-focusVisible': { outline: 2, outlineColor: 'primary.main' },
            }}
          >
            <Icon />
            <Typography variant="caption" sx={{ lineHeight: 1.2, textAlign: 'center', fontWeight: 600 }}>
              {t(section.label as 'nav.inbox')}
            </Typography>
          </ButtonBase>
        );
      })}
    </Box>
  );
}
