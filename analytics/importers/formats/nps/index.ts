import type { FormatImporter } from '../../types';
import { npsResponsesCsv } from './generic-csv';
import { surveyMonkeyCsv } from './surveymonkey';
import { typeformCsv } from './typeform';

/** NPS survey formats; detection scores decide (SurveyMonkey/Typeform 30 beat the generic 15). */
export const npsImporters: readonly FormatImporter[] = [surveyMonkeyCsv, typeformCsv, npsResponsesCsv];

export { npsResponsesCsv, surveyMonkeyCsv, typeformCsv };
export { proposeNpsMapping, NPS_FIELDS, REQUIRED_NPS_FIELDS, NPS_SYNONYMS, type NpsField, type NpsMappingProposal } from './mapping';
export { scoreSql } from './responses';
