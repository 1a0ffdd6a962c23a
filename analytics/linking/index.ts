/** Linking outcomes to changes (product.md §5). See docs/attribution-and-linking.md. */
export { relink, relinkParts, partsFor, LINK_PARTS, type LinkPart, type LinkSummary } from './relink';
export { coverage, type Coverage } from './coverage';
export {
  DEFAULT_LINK_SETTINGS,
  getLinkSettings,
  saveLinkSettings,
  validateLinkSettings,
  writeLinkSettings,
  type LinkSettings,
} from './settings';
