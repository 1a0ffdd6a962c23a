import { useEffect, useId, useRef, useState } from 'react';

/**
 * A menu button and its popover panel: open/closed state, the ids and refs to wire, focus on the
 * first enabled item when it opens, closing on a pointer press outside, and `close()` that returns
 * focus to the button (Escape, or after choosing an item).
 */
export function useMenu() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    panelRef.current?.querySelector<HTMLButtonElement>('button:not(:disabled)')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    buttonRef.current?.focus();
  };
  return { open, setOpen, panelId, buttonRef, panelRef, close };
}
