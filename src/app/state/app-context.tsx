import { createContext, useContext } from 'react';
import type { Session } from './session.ts';

/** The session (the image being looked at), provided once at the root. */
export const SessionContext = createContext<Session | null>(null);

/** The session from context. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext');
  return s;
}
