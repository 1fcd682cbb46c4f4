import Dialog from '@mui/material/Dialog';
import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import ListItemText from '@mui/material/ListItemText';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { commandMatches } from './match';

export interface Command {
  readonly id: string;
  readonly label: string;
  /** Other words that find it (a screen's name in the rail). */
  readonly keywords?: string;
  readonly run: () => void;
}

/** Ctrl+K: every view and action by name; arrows choose, Enter runs, Escape closes. */
export function CommandPalette({
  open,
  commands,
  onClose,
}: {
  open: boolean;
  commands: readonly Command[];
  /** `ran`: a command was run, and puts the focus where it belongs; otherwise it returns where it was. */
  onClose: (ran: boolean) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const shown = useMemo(() => {
    return commands.filter((command) => commandMatches(`${command.label} ${command.keywords ?? ''}`, text));
  }, [commands, text]);
  // A command runs once the palette has faded out: until then its focus trap would take back the
  // focus the command gives (the list of the inbox, the search box).
  const pending = useRef<Command | null>(null);
  const run = (command: Command | undefined) => {
    if (!command) return;
    pending.current = command;
    onClose(true);
    setText('');
    setActive(0);
  };
  const runPending = () => {
    const command = pending.current;
    pending.current = null;
    command?.run();
  };
  return (
    <Dialog
      open={open}
      onClose={() => onClose(false)}
      disableRestoreFocus
      fullWidth
      maxWidth="sm"
      aria-label={t('palette.label')}
      slotProps={{ paper: { sx: { alignSelf: 'flex-start', mt: 10 } }, transition: { onExited: runPending } }}
    >
      <TextField
        autoFocus
        fullWidth
        placeholder={t('palette.placeholder')}
        slotProps={{
          htmlInput: {
            'aria-label': t('palette.label'),
            role: 'combobox',
            'aria-expanded': true,
            'aria-controls': 'palette-list',
          },
        }}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((i) => Math.min(shown.length - 1, i + 1));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((i) => Math.max(0, i - 1));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(shown[active]);
          }
        }}
        sx={{ p: 1 }}
      />
      <List id="palette-list" role="listbox" dense sx={{ maxHeight: 360, overflowY: 'auto' }}>
        {shown.map((command, index) => (
          <ListItemButton
            key={command.id}
            role="option"
            aria-selected={index === active}
            selected={index === active}
            onClick={() => run(command)}
          >
            <ListItemText primary={command.label} />
          </ListItemButton>
        ))}
        {shown.length === 0 && (
          <Typography color="text.secondary" sx={{ px: 2, py: 1 }}>
            {t('palette.empty')}
          </Typography>
        )}
      </List>
    </Dialog>
  );
}
