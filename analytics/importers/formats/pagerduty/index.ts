/** PagerDuty importers; the lead registers them in analytics/importers/index.ts. */
import type { FormatImporter } from '../../types';
import { pagerDutyAnalyticsIncidents } from './analytics';
import { pagerDutyIncidentsCsv } from './csv';
import { pagerDutyRestIncidents } from './rest';

export const pagerDutyImporters: readonly FormatImporter[] = [pagerDutyRestIncidents, pagerDutyAnalyticsIncidents, pagerDutyIncidentsCsv];

export { pagerDutyAnalyticsIncidents, pagerDutyIncidentsCsv, pagerDutyRestIncidents };
