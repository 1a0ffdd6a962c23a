/**
 * GitHub Copilot usage metrics, users report as NDJSON (one JSON object per user per day, as the
 * 1-day user reports are downloaded): `user_login`, `day`, `loc_added_sum`,
 * `loc_suggested_to_add_sum`, `user_initiated_interaction_count`, … with per-IDE and per-feature
 * breakdowns. Only engineers of teams that adopted AI have licences, hence rows.
 */
import type { DemoCopilotDay, DemoPerson } from '../model';
import { dayString } from '../period';

const ENTERPRISE_ID = '88123';

function userId(person: DemoPerson | undefined): number {
  return person ? Number(person.noreplyEmail.split('+')[0]) : 0;
}

export function copilotUsersNdjson(days: readonly DemoCopilotDay[], people: ReadonlyMap<string, DemoPerson>): string {
  const lines = days.map((d) => {
    const day = dayString(d.dayMs);
    const totals = {
      user_initiated_interaction_count: d.interactions,
      code_generation_activity_count: d.generations,
      code_acceptance_activity_count: d.acceptances,
      loc_suggested_to_add_sum: d.locSuggested,
      loc_suggested_to_delete_sum: Math.round(d.locSuggested * 0.1),
      loc_added_sum: d.locAdded,
      loc_deleted_sum: d.locDeleted,
    };
    return JSON.stringify({
      report_start_day: day,
      report_end_day: day,
      day,
      enterprise_id: ENTERPRISE_ID,
      user_id: userId(people.get(d.login)),
      user_login: d.login,
      ...totals,
      used_agent: d.usedAgent,
      used_chat: d.usedChat,
      totals_by_ide: [{ ide: 'vscode', ...totals }],
      totals_by_feature: [{ feature: 'code_completion', ...totals }],
    });
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
