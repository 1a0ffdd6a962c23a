-- Drill-down: the help-desk tickets behind a cell ($filter all | bug_or_incident); tickets have no
-- repo, so a repo scope lists none. Newest first, at most $limit.
WITH page AS (
  SELECT t.*, count(*) OVER () AS total
  FROM __metric_ticket t
  WHERE t.day BETWEEN $start::DATE AND $end::DATE AND $repo IS NULL
    AND ($team IS NULL OR t.team_id = $team) AND ($filter <> 'bug_or_incident' OR t.bug_or_incident)
  ORDER BY t.created_at DESC, t.ticket_id
  LIMIT $limit
)
SELECT t.source || ':' || t.ticket_id AS key, src.subject AS title, t.created_at AS at, t.team_id AS team,
       CAST(NULL AS VARCHAR) AS repo, CAST(NULL AS VARCHAR) AS url,
       {'tags': array_to_string(src.tags, ' '), 'type': src.ticket_type, 'priority': src.priority, 'status': src.status,
        'account': src.account, 'bugOrIncident': t.bug_or_incident} AS details,
       t.total
FROM page t
JOIN tickets src ON src.source = t.source AND src.ticket_id = t.ticket_id
ORDER BY t.created_at DESC, t.ticket_id
