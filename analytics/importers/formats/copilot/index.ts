import type { FormatImporter } from '../../types';
import { copilotLegacyMetrics, copilotOrgReport, copilotUsersReport } from './usage';

/** GitHub Copilot usage exports. */
export const copilotImporters: readonly FormatImporter[] = [copilotUsersReport, copilotOrgReport, copilotLegacyMetrics];
