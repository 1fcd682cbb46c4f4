import { createContext, type ReactNode, useContext } from 'react';
import type { OknoBridge } from '../../shared/bridge/okno-bridge';
import type { ApiClient } from '../api/client';

/** What the window's features need from outside React: the OS bridge, the server, local storage. */
export interface AppServices {
  readonly bridge: OknoBridge;
  readonly api: ApiClient;
  readonly storage: Storage;
}

const ServicesContext = createContext<AppServices | null>(null);

export function ServicesProvider({ services, children }: { services: AppServices; children: ReactNode }) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices() outside <ServicesProvider>');
  return services;
}
