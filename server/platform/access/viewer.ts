import type { Permission, Role } from '../../../common/access';
import { ROLE_PERMISSIONS } from '../../../common/access';

/** Who is asking: resolved from the session on every request, passed to services and repositories. */
export type Viewer = {
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  unitId: number;
  /** The viewer's unit path: they see rows whose unit path starts with it. */
  unitPath: string;
  sessionId: string;
  stage: 'full' | 'totp' | 'totp_enroll' | 'password_change';
  csrfToken: string;
};

export function can(viewer: Viewer, permission: Permission): boolean {
  return ROLE_PERMISSIONS[viewer.role].includes(permission);
}
