import { createContext, useContext, useEffect, useState } from 'react';
import type { HandOverState, PassportHandOver } from './passport-handover';

const Context = createContext<PassportHandOver | null>(null);

/** The signed-in session's passport hand-over (renderer/app/SignedInApp.tsx creates and stops it). */
export const PassportHandOverProvider = Context.Provider;

export function usePassportHandOver(): PassportHandOver | null {
  return useContext(Context);
}

/** The hand-over state of one appeal's passport, if this session is handing one over. */
export function useHandOverState(appealId: string): HandOverState | undefined {
  const handOver = usePassportHandOver();
  const [state, setState] = useState<HandOverState | undefined>(undefined);
  useEffect(() => {
    if (!handOver) return;
    const subscription = handOver.stateOf(appealId).subscribe(setState);
    return () => subscription.unsubscribe();
  }, [handOver, appealId]);
  return state;
}
