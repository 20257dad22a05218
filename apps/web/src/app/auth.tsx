// Who is signed in: the user from /me (roles, department), login and logout. Pages read it with
// useAuth(); `hasRole` decides what the UI offers (the API decides what is allowed).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useMemo,
  useSyncExternalStore,
} from 'react';
import { api, call, type Schemas } from '../api/client';
import { session } from '../api/session';

export type User = Schemas['UserDto'];
export type Role = 'STAFF' | 'DEPT_HEAD' | 'AUDITOR' | 'PROACTIVE_OFFICE' | 'COMMITTEE' | 'ADMIN';

interface AuthValue {
  user: User | null;
  loading: boolean;
  login: (email: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

const subscribe = (cb: () => void) => session.subscribe(cb);
const sessionState = () => session.state;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  // 'restoring' while a new tab gets its access token from the refresh cookie.
  const state = useSyncExternalStore(subscribe, sessionState);
  const isSignedIn = state === 'signedIn';
  const me = useQuery({
    queryKey: ['me'],
    queryFn: () => call(api.GET('/api/v1/me')),
    enabled: isSignedIn,
    staleTime: 5 * 60_000,
  });

  const login = useCallback(
    async (email: string, password: string) => {
      const res = await call(api.POST('/api/v1/auth/login', { body: { email, password } }));
      queryClient.clear();
      session.start(res);
      queryClient.setQueryData(['me'], res.user);
      return res.user;
    },
    [queryClient],
  );

  const logout = useCallback(async () => {
    try {
      await call(api.POST('/api/v1/auth/logout'));
    } catch {
      // the session may already have ended; signing out locally (and in every tab) is what matters
    }
    session.clear();
    queryClient.clear();
  }, [queryClient]);

  const user = isSignedIn ? (me.data ?? null) : null;
  const value = useMemo<AuthValue>(
    () => ({
      user,
      loading: state === 'restoring' || (isSignedIn && me.isPending),
      login,
      logout,
      hasRole: (...roles) => !!user && roles.some((r) => user.roles.includes(r)),
    }),
    [user, state, isSignedIn, me.isPending, login, logout],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
