import { createContext, createElement, type ReactNode, useContext } from 'react';
import type { SessionUser } from '../api/client';

/** The signed-in user (id, role, departments), for features that act as them (status machine actor). */
const CurrentUserContext = createContext<SessionUser | null>(null);

export function CurrentUserProvider({ user, children }: { user: SessionUser; children: ReactNode }) {
  return createElement(CurrentUserContext.Provider, { value: user }, children);
}

export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser() outside <CurrentUserProvider>');
  return user;
}
