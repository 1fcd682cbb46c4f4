import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import ListItemText from '@mui/material/ListItemText';
import Menu from '@mui/material/Menu';
import MenuItem from '@mui/material/MenuItem';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedFilter } from './saved-filters';

/** «Мои фильтры»: the official's saved view-and-filters, applied in one click; the current ones saved under a name. */
export function SavedFilters({
  saved,
  onApply,
  onSave,
  onForget,
}: {
  saved: readonly SavedFilter[];
  onApply: (saved: SavedFilter) => void;
  onSave: (name: string) => void;
  onForget: (name: string) => void;
}) {
  const { t } = useTranslation();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const save = () => {
    if (name.trim() === '') return;
    onSave(name.trim());
    setName('');
    setNaming(false);
  };
  if (naming)
    return (
      <Stack direction="row" spacing={1} sx={{ gridColumn: '1 / -1' }}>
        <TextField
          size="small"
          autoFocus
          fullWidth
          label={t('inbox.saved.name')}
          value={name}
          onChange={(event) => setName(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') save();
            if (event.key === 'Escape') setNaming(false);
          }}
        />
        <Button size="small" variant="contained" onClick={save} disabled={name.trim() === ''}>
          {t('inbox.saved.save')}
        </Button>
      </Stack>
    );
  return (
    <Stack
      direction="row"
      spacing={1}
      sx={{ gridColumn: '1 / -1', '& .MuiButton-root': { textTransform: 'none', whiteSpace: 'nowrap' } }}
    >
      <Button
        size="small"
        variant="outlined"
        fullWidth
        disabled={saved.length === 0}
        aria-haspopup="menu"
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {t('inbox.saved.title', { count: saved.length })}
      </Button>
      <Button size="small" fullWidth onClick={() => setNaming(true)}>
        {t('inbox.saved.saveCurrent')}
      </Button>
      <Menu anchorEl={anchor} open={anchor !== null} onClose={() => setAnchor(null)}>
        {saved.map((entry) => (
          <MenuItem
            key={entry.name}
            onClick={() => {
              setAnchor(null);
              onApply(entry);
            }}
          >
            <ListItemText primary={entry.name} />
            <IconButton
              size="small"
              edge="end"
              aria-label={t('inbox.saved.forget', { name: entry.name })}
              onClick={(event) => {
                event.stopPropagation();
                onForget(entry.name);
              }}
            >
              ×
            </IconButton>
          </MenuItem>
        ))}
      </Menu>
    </Stack>
  );
}
