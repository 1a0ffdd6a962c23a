/** Names of the canonical fields of generic exports (tickets, NPS responses) as the mapping step shows them. */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  ticket_id: 'Ticket id',
  created_at: 'Created',
  subject: 'Subject',
  status: 'Status',
  priority: 'Priority',
  ticket_type: 'Type',
  tags: 'Tags',
  account: 'Account',
  solved_at: 'Solved',
  response_id: 'Response id',
  responded_at: 'Responded',
  score: 'Score (0–10)',
  comment: 'Comment',
  segment: 'Segment',
};

export const fieldLabel = (field: string): string => FIELD_LABELS[field] ?? field;
