import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connect } from './api/client';
import { TokenError } from './components/FullPageError';
import { createAppStore, resolveTheme, type AppStore } from './store';
import { THEME_STORAGE_KEY } from './store/ui-slice';
import { StoreProvider } from './store/react';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);

let store: AppStore | null = null;
const connection = connect(window, {
  onUnauthorized: (error) => store?.getState().unauthorized(error),
  onReconnect: () => void store?.getState().resync(),
});

const systemDark = window.matchMedia('(prefers-color-scheme: dark)').matches;
// Theme before the first paint (no inline script is allowed by the CSP); App keeps it in sync after.
const storedTheme = safeLocalStorage()?.getItem(THEME_STORAGE_KEY);
document.documentElement.dataset.theme = resolveTheme(storedTheme === 'light' || storedTheme === 'dark' ? storedTheme : 'system', systemDark);

if (connection.kind === 'no-token') {
  root.render(<TokenError rejected={false} />);
} else {
  store = createAppStore({
    api: connection.api,
    files: connection.files,
    storage: safeLocalStorage(),
    systemDark,
  });
  void store.getState().start();
  root.render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
}

function safeLocalStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}
