import type { UserGroup } from '../../content-model';

/** Who is acting: a signed-in user, from the JWT claims the authorizer verified (functions/shared/http/auth.ts). */
export interface Actor {
  username: string;
  groups: UserGroup[];
}
