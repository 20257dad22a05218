import './styles/krds.css';
import './styles/fonts.css';
import './styles/app.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import { ApiError } from './api/client';
import { session } from './api/session';
import { AuthProvider } from './app/auth';
import { reloadForNewVersion } from './app/ErrorPage';
import { router } from './app/routes';
import { messagesReady } from './i18n';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      refetchOnWindowFocus: false,
      // 4xx answers are final; retry only what may pass on a second try.
      retry: (count, err) =>
        count < 2 && !(err instanceof ApiError && err.status < 500 && err.status > 0),
    },
  },
});

/** An ended session (idle, revoked) sends the user to the login page, saying why. */
function SessionExpiry() {
  useEffect(
    () =>
      session.subscribe((event) => {
        if (event !== 'expired') return;
        queryClient.clear();
        void router.navigate('/login', {
          replace: true,
          state: { expired: true, from: location.pathname + location.search },
        });
      }),
    [],
  );
  return null;
}

// A chunk preloaded for a page (Vite's modulepreload) that the server no longer has: a new version
// was deployed while this tab was open. Reload once to get the new build instead of failing.
window.addEventListener('vite:preloadError', (event) => {
  if (reloadForNewVersion()) event.preventDefault();
});

// Read in English, the shell waits for its English: only the Korean comes with the code.
void messagesReady().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <SessionExpiry />
          <RouterProvider router={router} />
        </AuthProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
