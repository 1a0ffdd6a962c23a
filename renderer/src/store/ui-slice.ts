/** View, theme and the in-app path dialog. */
import type { SliceCreator, ThemePreference, UiSlice } from './types';

export const THEME_STORAGE_KEY = 'undertow.theme';

const isTheme = (value: unknown): value is ThemePreference => value === 'light' || value === 'dark' || value === 'system';

export const createUiSlice: SliceCreator<UiSlice> = ({ storage, systemDark }) => (set, get) => {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(THEME_STORAGE_KEY) ?? null;
  } catch {
    stored = null; // storage disabled: fall back to the system theme
  }
  const patchUi = (patch: Partial<UiSlice['ui']>) => set((s) => ({ ui: { ...s.ui, ...patch } }));

  return {
    ui: {
      view: 'overview',
      theme: isTheme(stored) ? stored : 'system',
      systemDark: systemDark ?? false,
      pathDialog: null,
    },
    setView: (view) => patchUi({ view }),
    setTheme: (theme) => {
      patchUi({ theme });
      try {
        storage?.setItem(THEME_STORAGE_KEY, theme);
      } catch {
        // not persisted; still applied for this session
      }
    },
    setSystemDark: (dark) => patchUi({ systemDark: dark }),
    openPathDialog: (purpose) => patchUi({ pathDialog: { purpose, error: null, busy: false } }),
    closePathDialog: () => patchUi({ pathDialog: null }),
    submitPathDialog: async (raw) => {
      const dialog = get().ui.pathDialog;
      if (!dialog || dialog.busy) return;
      const path = raw.trim();
      if (path === '') {
        patchUi({ pathDialog: { ...dialog, error: 'Enter the path of a workspace file, for example /home/me/acme.duckdb.' } });
        return;
      }
      patchUi({ pathDialog: { ...dialog, error: null, busy: true } });
      const result = dialog.purpose === 'open' ? await get().openWorkspace(path) : await get().createWorkspace(path);
      if (result.ok) patchUi({ pathDialog: null });
      else patchUi({ pathDialog: { ...dialog, error: result.error.message, busy: false } });
    },
  };
};

/** The theme actually shown. */
export function resolveTheme(theme: ThemePreference, systemDark: boolean): 'light' | 'dark' {
  return theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
}
