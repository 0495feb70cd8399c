import {
  CreateTenantRequest,
  isTerminal,
  JOB_STATUSES,
  TenantView,
  UpdateTenantRequest,
} from '@btsx/contracts';
import { ConflictError, NotFoundError } from '@btsx/platform';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { OrchestratorConfig } from '../orchestrator.config';
import { NO_SUCH_TENANT, seesTenant, TenantScoped } from './admin-scope';
import { DEFAULT_TENANT_ID, TenantEntity } from './tenant.entity';

/** Postgres' unique_violation. */
const UNIQUE_VIOLATION = '23505';
const UNFINISHED_STATUSES = JOB_STATUSES.filter((s) => !isTerminal(s));

/** The MSP's customers. */
@Injectable()
export class TenantsService {
  private readonly logger = new Logger('Tenants');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(OrchestratorConfig) private readonly config: OrchestratorConfig,
  ) {}

  private get tenants() {
    return this.db.getRepository(TenantEntity);
  }

  /** The tenants the admin sees, by name. */
  async list(admin: TenantScoped): Promise<TenantView[]> {
    const where = admin.tenantId === null ? {} : { id: admin.tenantId };
    const rows = await this.tenants.find({ where, order: { name: 'ASC' } });
    return rows.map((t) => this.toView(t));
  }

  /** The tenant, when the admin sees it and it exists; 404 otherwise. */
  async require(admin: TenantScoped, id: string): Promise<TenantEntity> {
    const tenant =
      isUUID(id) && seesTenant(admin, id) ? await this.tenants.findOneBy({ id }) : null;
    if (!tenant) throw new NotFoundError(NO_SUCH_TENANT);
    return tenant;
  }

  /** The tenant an identity provider's claim names, by id or by name; null when none is. */
  async byIdOrName(value: string): Promise<TenantEntity | null> {
    return this.tenants.findOne({
      where: isUUID(value) ? [{ id: value }, { name: value }] : { name: value },
    });
  }

  async create(request: CreateTenantRequest): Promise<TenantView> {
    const tenant: TenantEntity = {
      id: randomUUID(),
      name: request.name,
      concurrency: request.concurrency ?? null,
      createdAt: new Date(),
    };
    await this.unique(request.name, () => this.tenants.insert(tenant));
    this.logger.log(`Tenant ${tenant.id} created`);
    return this.toView(tenant);
  }

  async update(admin: TenantScoped, id: string, request: UpdateTenantRequest): Promise<TenantView> {
    const tenant = await this.require(admin, id);
    if (request.name !== undefined) tenant.name = request.name;
    if (request.concurrency !== undefined) tenant.concurrency = request.concurrency;
    await this.unique(tenant.name, () => this.tenants.save(tenant));
    return this.toView(tenant);
  }

  /**
   * Deletes a tenant with its admins, their tokens and its finished jobs. Refused while it
   * has batches (delete them first: that discards their credentials) or running jobs, and
   * for the default tenant.
   */
  async delete(admin: TenantScoped, id: string): Promise<TenantView> {
    const tenant = await this.require(admin, id);
    if (tenant.id === DEFAULT_TENANT_ID) throw new ConflictError('The default tenant stays');
    await this.db.transaction(async (tx) => {
      await tx.getRepository(TenantEntity).findOne({
        where: { id: tenant.id },
        lock: { mode: 'pessimistic_write' },
      });
      await refuseWhileInUse(tx, tenant.id);
      await tx.query(`DELETE FROM orchestrator.jobs WHERE tenant_id = $1`, [tenant.id]);
      await tx.getRepository(TenantEntity).delete({ id: tenant.id });
    });
    this.logger.log(`Tenant ${tenant.id} deleted`);
    return this.toView(tenant);
  }

  private toView(tenant: TenantEntity): TenantView {
    return {
      id: tenant.id,
      name: tenant.name,
      concurrency: tenant.concurrency,
      effectiveConcurrency: tenant.concurrency ?? this.config.BATCH_TENANT_CONCURRENCY,
      createdAt: tenant.createdAt.toISOString(),
    };
  }

  private async unique(name: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
        throw new ConflictError(`A tenant named ${name} exists already`);
      }
      throw error;
    }
  }
}

async function refuseWhileInUse(tx: EntityManager, tenantId: string): Promise<void> {
  const [{ batches, running }] = await tx.query(
    `SELECT (SELECT count(*) FROM orchestrator.batches WHERE tenant_id = $1)::int AS batches,
            (SELECT count(*) FROM orchestrator.jobs WHERE tenant_id = $1
               AND status = ANY($2))::int AS running`,
    [tenantId, UNFINISHED_STATUSES],
  );
  if (batches > 0) throw new ConflictError('The tenant has batches: delete them first');
  if (running > 0) throw new ConflictError('The tenant has jobs running: cancel them first');
}
