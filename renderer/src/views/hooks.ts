import { useEffect } from 'react';
import { chartThemes, type ChartTheme } from '../figures/theme';
import { resolveTheme } from '../store';
import { useAppStore } from '../store/react';

export function useTeams() {
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  const load = useAppStore((s) => s.loadTeams);
  useEffect(() => {
    void load();
  }, [dataVersion, load]);
  return useAppStore((s) => s.teams);
}

export function useInfo() {
  const dataVersion = useAppStore((s) => s.app.dataVersion);
  const load = useAppStore((s) => s.loadInfo);
  useEffect(() => {
    void load();
  }, [dataVersion, load]);
  return useAppStore((s) => s.info);
}

export function useResolvedTheme(): 'light' | 'dark' {
  const theme = useAppStore((s) => s.ui.theme);
  const systemDark = useAppStore((s) => s.ui.systemDark);
  return resolveTheme(theme, systemDark);
}

export function useChartTheme(): ChartTheme {
  return chartThemes[useResolvedTheme()];
}
