/** The dashboard's menu: each kind of health data has its own page; Settings holds the rest. */
export const DATA_NAV = [
  { to: '/', label: 'Home' },
  { to: '/check-ins', label: 'Check-ins' },
  { to: '/interventions', label: 'Interventions' },
  { to: '/observations', label: 'Observations' },
  { to: '/lab-results', label: 'Lab results' },
  { to: '/health-records', label: 'Health records' },
  { to: '/integrations', label: 'Integrations' },
] as const;

export const ADMIN_NAV = [
  { to: '/settings/users', label: 'Users' },
  { to: '/settings/invites', label: 'Invites' },
  { to: '/settings/audit', label: 'Audit log' },
] as const;
