import type { paths } from './schema.d.ts';

/** Named shapes of API.md, taken from the generated OpenAPI types so they cannot drift. */
type Json<P extends keyof paths, M extends keyof paths[P], S extends number = 200> = paths[P][M] extends {
  responses: { [K in S]: { content: { 'application/json': infer T } } };
}
  ? T
  : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type { paths };
export type ServerInfo = Json<'/api/v1/server', 'get'>;
export type TokenResponse = Json<'/api/v1/auth/login', 'post'>;
export type User = Json<'/api/v1/me', 'get'>;
export type Session = Json<'/api/v1/me/sessions', 'get'>['items'][number];
export type ExportRecord = Json<'/api/v1/me/exports', 'get'>['items'][number];
export type AdminUser = Json<'/api/v1/admin/users/{id}', 'get'>;
export type Invite = Json<'/api/v1/admin/invites', 'post', 201>;
export type InviteDetail = Json<'/api/v1/admin/invites/{id}', 'get'>;
export type InviteCheck = Json<'/api/v1/invites/{code}', 'get'>;
export type AuditEntry = Json<'/api/v1/admin/audit', 'get'>['items'][number];
export type CheckIn = Json<'/api/v1/check-ins/{id}', 'get'>;
export type Intervention = Json<'/api/v1/interventions/{id}', 'get'>;
export type Observation = Json<'/api/v1/observations/{id}', 'get'>;
export type LabResult = Json<'/api/v1/lab-results/{id}', 'get'>;
export type HealthRecord = Json<'/api/v1/health-records/{id}', 'get'>;
export type Integration = Json<'/api/v1/integrations/{id}', 'get'>;
export type CreateInviteBody = Body<'/api/v1/admin/invites', 'post'>;
export type UpdateMeBody = Body<'/api/v1/me', 'patch'>;
