/**
 * The command palette of the whole window (Ctrl/⌘+K on every screen): the app's own commands (the
 * rail's screens, sync) plus those the current screen offers through `useScreenCommands`.
 */
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { isPaletteKey } from '../keyboard';
import { type Command, CommandPalette } from './CommandPalette';

interface PaletteControl {
  open(): void;
  /** Replaces the current screen's commands; returns the undo. */
  offer(commands: readonly Command[]): () => void;
}

const PaletteContext = createContext<PaletteControl | null>(null);

export function PaletteProvider({
  appCommands,
  children,
}: {
  appCommands: readonly Command[];
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  const focusBefore = useRef<HTMLElement | null>(null);
  const [screen, setScreen] = useState<readonly Command[]>([]);
  const offer = useCallback((commands: readonly Command[]) => {
    setScreen(commands);
    return () => setScreen((current) => (current === commands ? [] : current));
  }, []);
  const show = useCallback(() => {
    focusBefore.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setOpen(true);
  }, []);
  const close = useCallback((ran: boolean) => {
    setOpen(false);
    if (!ran) focusBefore.current?.focus();
  }, []);
  const control = useMemo<PaletteControl>(() => ({ open: show, offer }), [show, offer]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isPaletteKey(event)) return;
      event.preventDefault();
      show();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [show]);
  const commands = useMemo(() => [...screen, ...appCommands], [screen, appCommands]);
  return (
    <PaletteContext.Provider value={control}>
      {children}
      <CommandPalette open={open} commands={commands} onClose={close} />
    </PaletteContext.Provider>
  );
}

export function usePalette(): PaletteControl {
  const control = useContext(PaletteContext);
  if (!control) throw new Error('usePalette() outside <PaletteProvider>');
  return control;
}

/** The current screen's commands, offered while `active`. */
export function useScreenCommands(commands: readonly Command[], active: boolean): void {
  const { offer } = usePalette();
  useEffect(() => (active ? offer(commands) : undefined), [offer, commands, active]);
}
