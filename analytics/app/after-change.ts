import type { Session } from './session';

/**
 * After an edit that changes derived numbers (org map, attribution rules, settings): tell every
 * view to reload (`workspace:changed`), then answer. A failed edit changed nothing: no event.
 */
export async function afterChange<T>(session: Session, change: Promise<T>): Promise<T> {
  const value = await change;
  await session.refresh();
  return value;
}
