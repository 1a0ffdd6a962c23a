/**
 * How Jira issues are classified: which issue types are bugs (an editable map — Jira translates type
 * names into the exporting user's language, so the word "Bug" is not enough), which are sub-tasks,
 * and which status category a status belongs to when the export does not say.
 */
import { UndertowError } from '../../../errors';
import type { Queryable } from '../../../workspace/workspace';
import { sqlList, sqlLiteral } from '../../sql';

/** Jira issue keys: project key (letters, digits, underscore; starting with a letter), dash, number. */
export const ISSUE_KEY_PATTERN = String.raw`^[A-Za-z][A-Za-z0-9_]*-[0-9]+$`;

/** The `settings` key holding the user's bug type names: a JSON array of strings, case-insensitive. */
export const JIRA_BUG_TYPES_SETTING = 'jira.bugTypes';

/**
 * Built-in bug type names: Jira's "Bug" as its UI languages name it, plus the common "Defect".
 * Used when the workspace has no `jira.bugTypes` setting.
 */
export const DEFAULT_JIRA_BUG_TYPES: readonly string[] = [
  'Bug', 'Defect', 'Incident bug', 'Production bug',
  'Fehler', 'Bogue', 'Anomalie', 'Défaut', 'Error', 'Erro', 'Falha', 'Difetto', 'Fout', 'Bugg', 'Fejl', 'Feil',
  'Virhe', 'Błąd', 'Chyba', 'Hiba', 'Hata', 'Eroare', 'Greška', 'Napaka', 'Lỗi',
  'Ошибка', 'Дефект', 'Баг', 'Помилка', 'バグ', '不具合', '缺陷', '错误', '故障', '錯誤', '버그', '결함', 'באג', 'خطأ',
];

/** Sub-task type names (Jira's default "Sub-task" in its UI languages). Their parent is not an epic. */
export const JIRA_SUBTASK_TYPES: readonly string[] = [
  'Sub-task', 'Subtask', 'Sub-Task', 'Sub-bug', 'Technical sub-task', 'Unteraufgabe', 'Teilaufgabe', 'Sous-tâche',
  'Subtarea', 'Subtarefa', 'Sotto-task', 'Sottoattività', 'Subtaak', 'Deluppgave', 'Deluppgift', 'Underopgave',
  'Alitehtävä', 'Podzadanie', 'Podúkol', 'Részfeladat', 'Alt görev', 'Подзадача', 'Підзавдання', 'サブタスク',
  '子任务', '子任務', '하위 작업',
];

/**
 * Status category names as Jira CSV exports write them ("Status Category" column, English or the
 * exporting user's language) → the canonical key Jira's REST API uses (`statusCategory.key`).
 */
export const JIRA_STATUS_CATEGORY_NAMES: Readonly<Record<string, 'new' | 'indeterminate' | 'done'>> = {
  new: 'new', 'to do': 'new', todo: 'new', 'zu erledigen': 'new', 'à faire': 'new', 'a faire': 'new', 'por hacer': 'new',
  'tareas por hacer': 'new', 'itens pendentes': 'new', 'a fazer': 'new', 'da fare': 'new', 'te doen': 'new', 'att göra': 'new',
  'do zrobienia': 'new', 'к выполнению': 'new', 'やること': 'new', 'todo 项目': 'new', '待办': 'new', '할 일': 'new',
  indeterminate: 'indeterminate', 'in progress': 'indeterminate', 'in arbeit': 'indeterminate', 'en cours': 'indeterminate',
  'en curso': 'indeterminate', 'en progreso': 'indeterminate', 'em andamento': 'indeterminate', 'in corso': 'indeterminate',
  'in uitvoering': 'indeterminate', 'pågår': 'indeterminate', 'w toku': 'indeterminate', 'в работе': 'indeterminate',
  '進行中': 'indeterminate', '进行中': 'indeterminate', '진행 중': 'indeterminate',
  done: 'done', complete: 'done', fertig: 'done', erledigt: 'done', 'terminé': 'done', 'terminée': 'done', termine: 'done',
  listo: 'done', hecho: 'done', 'concluído': 'done', 'concluido': 'done', completato: 'done', fatto: 'done', gereed: 'done',
  klar: 'done', gotowe: 'done', 'готово': 'done', '完了': 'done', '完成': 'done', '已完成': 'done', '완료': 'done',
};

/**
 * Status names of Jira's default workflows → category, for exports without a "Status Category"
 * column ("current fields" exports that hide it, older servers). Unknown custom statuses stay
 * unknown (NULL) unless the issue is resolved (→ done) or the name starts with "In " (→ in progress).
 */
export const JIRA_STATUS_NAMES: Readonly<Record<string, 'new' | 'indeterminate' | 'done'>> = {
  open: 'new', 'to do': 'new', backlog: 'new', new: 'new', reopened: 'new', 'selected for development': 'new', 'ready for development': 'new',
  offen: 'new', 'zu erledigen': 'new', ouvert: 'new', 'à faire': 'new', abierto: 'new', 'por hacer': 'new', aberto: 'new', aperto: 'new',
  'in progress': 'indeterminate', 'in review': 'indeterminate', 'code review': 'indeterminate', 'in development': 'indeterminate',
  'in testing': 'indeterminate', 'in test': 'indeterminate', 'in qa': 'indeterminate', qa: 'indeterminate', testing: 'indeterminate',
  'in arbeit': 'indeterminate', 'in bearbeitung': 'indeterminate', 'en cours': 'indeterminate', 'en curso': 'indeterminate',
  'em andamento': 'indeterminate', 'in corso': 'indeterminate', blocked: 'indeterminate',
  done: 'done', closed: 'done', resolved: 'done', released: 'done', "won't do": 'done', "won't fix": 'done', cancelled: 'done', canceled: 'done',
  fertig: 'done', erledigt: 'done', geschlossen: 'done', 'gelöst': 'done', 'terminé': 'done', 'fermé': 'done', 'résolu': 'done',
  cerrado: 'done', resuelto: 'done', listo: 'done', fechado: 'done', resolvido: 'done', 'concluído': 'done', chiuso: 'done', risolto: 'done',
  '完了': 'done', '已完成': 'done', '已关闭': 'done', '완료': 'done',
};

/** A constant string map as a DuckDB MAP literal (the keys and values are ours, never user input). */
export function mapLiteral(map: Readonly<Record<string, string>>): string {
  return `MAP {${Object.entries(map).map(([k, v]) => `${sqlLiteral(k)}: ${sqlLiteral(v)}`).join(', ')}}`;
}

/** A constant string list as a DuckDB list literal, lower-cased for case-insensitive lookups. */
export function lowerListLiteral(values: readonly string[]): string {
  return sqlList(values.map((v) => v.toLowerCase()));
}

/**
 * The bug type names in force: the workspace's `jira.bugTypes` setting when present, else the
 * built-in default. Lower-cased, for comparison with `lower(issue_type)`.
 */
export async function readJiraBugTypes(q: Queryable): Promise<string[]> {
  const rows = await q.all<{ value: unknown }>('SELECT value FROM settings WHERE key = $key', { key: JIRA_BUG_TYPES_SETTING });
  if (rows.length === 0) return DEFAULT_JIRA_BUG_TYPES.map((t) => t.toLowerCase());
  const raw = rows[0]!.value;
  let parsed: unknown = raw;
  if (typeof raw === 'string') {
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = undefined;
    }
  }
  if (!Array.isArray(parsed) || !parsed.every((t) => typeof t === 'string')) {
    throw new UndertowError('invalid_request', `The workspace setting ${JIRA_BUG_TYPES_SETTING} must be a JSON array of Jira issue type names, e.g. ["Bug", "Fehler"].`);
  }
  return parsed.map((t: string) => t.trim().toLowerCase()).filter((t) => t !== '');
}

/**
 * SQL: whether the issue type expression names a bug, against the bug types bound as the JSON
 * text parameter `$bug_types` (a JSON array, so an empty list binds without a type problem).
 */
export const IS_BUG_SQL = (typeExpr: string) => `coalesce(list_contains(from_json($bug_types, '["VARCHAR"]'), lower(trim(${typeExpr}))), false)`;

/**
 * Re-apply the bug type map to every stored issue (for the settings screen after the map changes).
 * Returns how many issues changed classification.
 */
export async function reclassifyJiraBugs(q: Queryable): Promise<number> {
  const types = await readJiraBugTypes(q);
  const [row] = await q.all<{ n: number }>(`SELECT count(*) AS n FROM issues WHERE is_bug <> ${IS_BUG_SQL('issue_type')}`, { bug_types: JSON.stringify(types) });
  if ((row?.n ?? 0) > 0) await q.run(`UPDATE issues SET is_bug = ${IS_BUG_SQL('issue_type')} WHERE is_bug <> ${IS_BUG_SQL('issue_type')}`, { bug_types: JSON.stringify(types) });
  return row?.n ?? 0;
}
