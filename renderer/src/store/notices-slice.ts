/** The global notice area: failed actions and short confirmations. */
import type { NoticesSlice, SliceCreator } from './types';

const MAX_NOTICES = 4;

export const createNoticesSlice: SliceCreator<NoticesSlice> = ({ noticeMs = 5_000 }) => (set, get) => {
  let nextId = 1;
  return {
    notices: [],
    notify: (kind, message) => {
      const id = nextId++;
      set((s) => ({ notices: [...s.notices, { id, kind, message }].slice(-MAX_NOTICES) }));
      // Errors stay until dismissed so nobody misses them; confirmations fade.
      if (kind === 'info') setTimeout(() => get().dismissNotice(id), noticeMs);
    },
    dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  };
};
