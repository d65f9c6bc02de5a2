import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../api/client';
import type { Me } from '../api/types';
import { getToken, onTokenChange, setToken } from './token';
import { meKeys } from './queryKeys';

interface AuthState {
  token: string | null;
  login: (username: string, password: string) => Promise<void>;
  logout: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [token, setTokenState] = useState<string | null>(getToken);
  const queryClient = useQueryClient();

  useEffect(
    () =>
      onTokenChange((next) => {
        setTokenState(next);
        if (!next) queryClient.clear();
      }),
    [queryClient],
  );

  const login = useCallback(async (username: string, password: string) => {
    const data = await call(
      api.POST('/api/v1/auth/token', {
        body: { grant_type: 'password', username, password, scope: '' },
        bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      }),
    );
    setToken(data.access_token);
  }, []);

  const logout = useCallback(() => setToken(null), []);

  const value = useMemo(() => ({ token, login, logout }), [token, login, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

export function useMeQuery(enabled: boolean) {
  return useQuery({
    queryKey: meKeys.all,
    queryFn: () => call(api.GET('/api/v1/auth/me')),
    enabled,
    staleTime: 5 * 60 * 1000,
  });
}

export const MeContext = createContext<Me | null>(null);

/** The signed-in user (only inside the authenticated app shell). */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe outside the authenticated shell');
  return me;
}
