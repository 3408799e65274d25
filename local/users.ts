/** Demo logins seeded into cognito-local, one per group. Local only: never used in AWS. */
export const localUsers = {
  editor: { username: 'redaktor@normen.local', password: 'Redaktor-2026!', name: 'Rita Redaktør', groups: ['editor'] },
  committee: { username: 'komite@normen.local', password: 'Komite-2026!', name: 'Kari Komité', groups: ['committee'] },
  admin: { username: 'admin@normen.local', password: 'Admin-Normen-2026!', name: 'Arne Admin', groups: ['admin'] },
} as const satisfies Record<string, { username: string; password: string; name: string; groups: string[] }>;

export type LocalUsers = typeof localUsers;
