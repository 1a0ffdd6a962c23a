import { Menu, app } from 'electron';
import type { Session } from '../../analytics/app/session';
import { pickWorkspace, reportFailure } from './dialogs';
import { menuTemplate, type MenuActions } from './menu-template';

/**
 * Installs the application menu; the returned function rebuilds it (Open Recent, Close) and is
 * called whenever the workspace changes. Menu actions call the Session directly: the renderer hears
 * about the result through the `workspace:changed` event like any other change.
 */
export function installMenu(session: Session): () => Promise<void> {
  const openPicked = (purpose: 'open' | 'create') => async () => {
    const path = await pickWorkspace(purpose);
    if (path) await (purpose === 'open' ? session.open(path) : session.create(path));
  };
  const actions: MenuActions = {
    newWorkspace: () => void reportFailure('Could not create the workspace', openPicked('create')),
    openWorkspace: () => void reportFailure('Could not open the workspace', openPicked('open')),
    openRecent: (path) => void reportFailure('Could not open the workspace', () => session.open(path)),
    openDemo: () => void reportFailure('Could not open the demo workspace', () => session.openDemo()),
    closeWorkspace: () => void reportFailure('Could not close the workspace', () => session.close()),
  };
  app.setAboutPanelOptions({ applicationName: app.name, applicationVersion: app.getVersion() });
  const refresh = async (): Promise<void> => {
    const recent = await session.recent.list();
    const template = menuTemplate({
      platform: process.platform,
      isPackaged: app.isPackaged,
      appName: app.name,
      recent,
      hasWorkspace: session.workspace !== null,
      actions,
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };
  return refresh;
}
