import { JobEventEntity } from './job-event.entity';
import { JobFolderEntity } from './job-folder.entity';
import { JobTaskEntity } from './job-task.entity';
import { JobEntity } from './job.entity';
import { MessageFailureEntity } from './message-failure.entity';
import { CreateOrchestratorTables1760000000000 } from './migrations/1760000000000-create-orchestrator-tables';
import { AddJobEndpointsAndRestart1760100000000 } from './migrations/1760100000000-add-job-endpoints-and-restart';

export const ORCHESTRATOR_ENTITIES = [
  JobEntity,
  JobFolderEntity,
  JobTaskEntity,
  JobEventEntity,
  MessageFailureEntity,
];

/** In order; TypeORM runs the ones not yet applied at boot. */
export const ORCHESTRATOR_MIGRATIONS = [
  CreateOrchestratorTables1760000000000,
  AddJobEndpointsAndRestart1760100000000,
];
