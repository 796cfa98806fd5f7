import type { KindSchemas } from '../../contract/health.ts';
import type { KindDescriptor } from './kind.ts';
import { checkIns } from './kinds/check-ins.kind.ts';
import { healthRecords } from './kinds/health-records.kind.ts';
import { integrations } from './kinds/integrations.kind.ts';
import { interventions } from './kinds/interventions.kind.ts';
import { labResults } from './kinds/lab-results.kind.ts';
import { observations } from './kinds/observations.kind.ts';

export { checkIns, healthRecords, integrations, interventions, labResults, observations };

/**
 * All six kinds, in the order of the export document. Adding a seventh: its schemas in
 * contract/health.ts, its table (a migration and db/schema.ts), one file in kinds/, one line here.
 * Routes, export, CSV and deletion pick it up from this list.
 */
export const HEALTH_KINDS: readonly AnyKind[] = [
  anyKind(healthRecords),
  anyKind(checkIns),
  anyKind(interventions),
  anyKind(observations),
  anyKind(labResults),
  anyKind(integrations),
];

/**
 * A kind seen without its schemas' precise types, by the code that treats all kinds alike
 * (routes, export). Each descriptor was checked against its own schemas where it is defined.
 */
export type AnyKind = KindDescriptor<KindSchemas>;

/**
 * Widens one kind to AnyKind. TypeScript could prove this assignment but exhausts itself
 * comparing TypeBox's computed types, so the widening is stated here, once.
 */
function anyKind<S extends KindSchemas>(kind: KindDescriptor<S>): AnyKind {
  return kind as unknown as AnyKind;
}
