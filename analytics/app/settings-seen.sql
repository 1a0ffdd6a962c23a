-- Values found in the data, for the Settings view's pickers: incident urgencies and priorities,
-- deployment environments and Jira issue types, each with how many rows carry it (most first).
SELECT 'urgency' AS kind, urgency AS value, count(*) AS n FROM incidents WHERE coalesce(trim(urgency), '') <> '' GROUP BY ALL
UNION ALL
SELECT 'priority', priority, count(*) FROM incidents WHERE coalesce(trim(priority), '') <> '' GROUP BY ALL
UNION ALL
SELECT 'environment', environment, count(*) FROM deployments WHERE coalesce(trim(environment), '') <> '' GROUP BY ALL
UNION ALL
SELECT 'issue_type', issue_type, count(*) FROM issues WHERE coalesce(trim(issue_type), '') <> '' GROUP BY ALL
ORDER BY kind, n DESC, value
