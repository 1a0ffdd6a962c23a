-- Apply __link_incidents (incident-links.sql) to the stored tables, writing only what changed.
DELETE FROM incident_change_links l
WHERE NOT EXISTS (
  SELECT 1 FROM __link_incidents n
  WHERE n.change_kind IS NOT NULL AND n.source = l.source AND n.incident_id = l.incident_id
    AND n.change_kind = l.change_kind AND n.repo = l.repo AND n.change_id = l.change_id AND n.rule = l.rule
);

INSERT INTO incident_change_links (source, incident_id, change_kind, repo, change_id, rule)
SELECT n.source, n.incident_id, n.change_kind, n.repo, n.change_id, n.rule
FROM __link_incidents n
WHERE n.change_kind IS NOT NULL
  AND NOT EXISTS (
    SELECT 1 FROM incident_change_links l
    WHERE l.source = n.source AND l.incident_id = n.incident_id AND l.change_kind = n.change_kind AND l.repo = n.repo AND l.change_id = n.change_id
  );

DELETE FROM incident_link_status s
WHERE NOT EXISTS (
  SELECT 1 FROM __link_incidents n
  WHERE n.source = s.source AND n.incident_id = s.incident_id AND n.status = s.status AND n.team_id IS NOT DISTINCT FROM s.team_id
);

INSERT INTO incident_link_status (source, incident_id, status, team_id)
SELECT n.source, n.incident_id, n.status, n.team_id FROM __link_incidents n
WHERE NOT EXISTS (SELECT 1 FROM incident_link_status s WHERE s.source = n.source AND s.incident_id = n.incident_id);

DROP TABLE __link_incidents;
