import { BrowserWindow } from 'electron';
import type { Emit } from '../../analytics/app/session';
import { EVENT_CHANNEL } from '../../shared/channels';
import type { EventName, Events } from '../../shared/contract';

type Listener<E extends EventName> = (payload: Events[E]) => void;

/**
 * The Session's `emit`: every event goes to every window as `{ event, payload }` on EVENT_CHANNEL
 * (the preload filters and unwraps it), and to main-process listeners such as the menu.
 */
export function createEventHub(): { emit: Emit; on<E extends EventName>(event: E, listener: Listener<E>): void } {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  return {
    emit(event, payload) {
      for (const window of BrowserWindow.getAllWindows()) {
        if (!window.isDestroyed()) window.webContents.send(EVENT_CHANNEL, { event, payload });
      }
      for (const listener of listeners.get(event) ?? []) listener(payload);
    },
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: unknown) => void);
      listeners.set(event, set);
    },
  };
}
