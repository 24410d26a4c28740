import { createContext, useContext } from 'react';
import type { SecondImage } from './second-image.ts';
import type { Session } from './session.ts';

/** The session (the image being looked at), provided once at the root. */
export const SessionContext = createContext<Session | null>(null);

/** The session from context. */
export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionContext');
  return s;
}

/** The compare view's second input, provided once at the root (null: comparing within one input only). */
export const SecondImageContext = createContext<SecondImage | null>(null);

/** The second input from context, or null when none is provided (tests of one image). */
export function useSecondImage(): SecondImage | null {
  return useContext(SecondImageContext);
}
