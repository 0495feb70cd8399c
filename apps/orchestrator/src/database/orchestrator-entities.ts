import { AuditFindingEntity } from '../audit/audit-finding.entity';
import { JobAuditEntity } from '../audit/job-audit.entity';
import { AddJobAudits1760200000000 } from '../audit/migrations/1760200000000-add-job-audits';
import { AddAuditFindings1767300000000 } from '../audit/migrations/1767300000000-add-audit-findings';
import { ADMIN_ENTITIES, ADMIN_MIGRATIONS } from '../admin';
import { BATCH_ENTITIES, BATCH_MIGRATIONS } from '../batches';
import { JobEventEntity } from './job-event.entity';
import { JobFolderEntity } from './job-folder.entity';
import { JobTaskEntity } from './job-task.entity';
import { JobEntity } from './job.entity';
import { MessageFailureEntity } from './message-failure.entity';
import { CreateOrchestratorTables1760000000000 } from './migrations/1760000000000-create-orchestrator-tables';
import { AddJobEndpointsAndRestart1760100000000 } from './migrations/1760100000000-add-job-endpoints-and-restart';
import { AddJobFolderError1767200000000 } from './migrations/1767200000000-add-job-folder-error';

export const ORCHESTRATOR_ENTITIES = [
  JobEntity,
  JobFolderEntity,
  JobTaskEntity,
  JobEventEntity,
  MessageFailureEntity,
  JobAuditEntity,
  AuditFindingEntity,
  ...ADMIN_ENTITIES,
  ...BATCH_ENTITIES,
];

/** In order; TypeORM runs the ones not yet applied at boot. */
export const ORCHESTRATOR_MIGRATIONS = [
  CreateOrchestratorTables1760000000000,
  AddJobEndpointsAndRestart1760100000000,
  AddJobAudits1760200000000,
  ...ADMIN_MIGRATIONS,
  ...BATCH_MIGRATIONS,
  AddJobFolderError1767200000000,
  AddAuditFindings1767300000000,
];
