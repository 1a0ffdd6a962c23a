-- Drill-down: the incidents behind a cell (by creation day; repo scope = the repo of the linked
-- change), with their time to restore and link. Newest first, at most $limit.
WITH page AS (
  SELECT i.*, count(*) OVER () AS total
  FROM __metric_incident i
  WHERE i.day BETWEEN $start::DATE AND $end::DATE
    AND ($team IS NULL OR i.team_id = $team) AND ($repo IS NULL OR i.repo_id = hash(lower($repo)))
  ORDER BY i.created_at DESC, i.incident_id
  LIMIT $limit
),
link AS (
  SELECT l.source, l.incident_id, min(l.change_kind || ' ' || l.repo || ' ' || l.change_id) AS linked_to
  FROM incident_change_links l JOIN page p ON p.source = l.source AND p.incident_id = l.incident_id
  GROUP BY ALL
)
SELECT i.source || ':' || coalesce(CAST(src.number AS VARCHAR), i.incident_id) AS key, src.title, i.created_at AS at,
       i.team_id AS team, r.repo, src.url,
       {'incidentId': i.incident_id, 'service': coalesce(src.service_name, src.service_id), 'urgency': src.urgency,
        'priority': src.priority, 'resolvedAt': i.resolved_at, 'restoreHours': round(i.restore_hours, 2),
        'linkedTo': l.linked_to} AS details,
       i.total
FROM page i
JOIN incidents src ON src.source = i.source AND src.incident_id = i.incident_id
LEFT JOIN __metric_repo r ON r.repo_id = i.repo_id
LEFT JOIN link l ON l.source = i.source AND l.incident_id = i.incident_id
ORDER BY i.created_at DESC, i.incident_id
