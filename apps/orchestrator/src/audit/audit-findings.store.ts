import { JobAuditFindings } from '@btsx/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { JobFolderEntity } from '../jobs/job-folder.entity';
import { ORCHESTRATOR_SCHEMA } from '../database/orchestrator-schema';
import { AuditFindingEntity } from './audit-finding.entity';
import { findingRow, StoredFinding } from './audit-report-rows';
import { JobAuditEntity } from './job-audit.entity';

/** Where a page of the report ends: the next page starts after it (keyset pagination). */
export type ReportCursor = Pick<
  AuditFindingEntity,
  'folderPosition' | 'kindRank' | 'uid' | 'part' | 'position'
>;

/** Before the first row of any report. */
export const REPORT_START: ReportCursor = {
  folderPosition: -1,
  kindRank: -1,
  uid: -1,
  part: -1,
  position: -1,
};

/** The audit_findings table: the rows of every audit's report. */
@Injectable()
export class AuditFindingsStore {
  constructor(private readonly db: DataSource) {}

  /**
   * Stores one part of a report, once however often it comes; false (and nothing stored)
   * when its audit is unknown or no longer running. FOR SHARE on the audit: recording it
   * (AuditStore.lock) waits for this part, or this part waits and then finds it recorded.
   */
  storePart(event: JobAuditFindings): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const audit = await tx.getRepository(JobAuditEntity).findOne({
        where: { id: event.auditId, jobId: event.jobId },
        lock: { mode: 'pessimistic_read' },
      });
      if (audit?.state !== 'running') return false;
      if (event.findings.length === 0) return true;
      const positions = await this.folderPositions(
        tx,
        event.jobId,
        event.findings.map((f) => f.sourceFolder),
      );
      const rows = event.findings.map((finding, position) =>
        findingRow(event, position, finding, positions.get(finding.sourceFolder)),
      );
      // At most FINDINGS_PER_MESSAGE rows: one statement, far below Postgres' bind limit.
      await tx
        .createQueryBuilder()
        .insert()
        .into(AuditFindingEntity)
        .values(rows)
        .orIgnore()
        .execute();
      return true;
    });
  }

  /** How many findings of run `attempt` are stored. */
  count(tx: EntityManager, auditId: string, attempt: number): Promise<number> {
    return tx.getRepository(AuditFindingEntity).countBy({ auditId, attempt });
  }

  /** Deletes the audit's findings of every other run (of every run, for null). */
  async keepOnly(tx: EntityManager, auditId: string, attempt: number | null): Promise<void> {
    await tx
      .createQueryBuilder()
      .delete()
      .from(AuditFindingEntity)
      .where('audit_id = :auditId AND attempt IS DISTINCT FROM :attempt', { auditId, attempt })
      .execute();
  }

  /**
   * Up to `limit` findings after `cursor` in the report's order (folder position, kind, UID),
   * each refusal with the reason the copy recorded for it.
   */
  page(
    jobId: string,
    audit: { id: string; attempt: number },
    cursor: ReportCursor,
    limit: number,
  ): Promise<StoredFinding[]> {
    const s = ORCHESTRATOR_SCHEMA;
    // float8: bigint arrives as a string; UIDs and sizes fit a JS number exactly.
    return this.db.query(
      `SELECT f.folder_position AS "folderPosition", f.kind_rank AS "kindRank",
              f.uid::float8 AS uid, f.part, f.position, f.kind,
              f.source_folder AS "sourceFolder", f.destination_folder AS "destinationFolder",
              f.source_uid::float8 AS "sourceUid", f.source_size::float8 AS "sourceSize",
              f.destination_uid::float8 AS "destinationUid",
              f.destination_size::float8 AS "destinationSize",
              f.message_id AS "messageId", f.date, f.subject,
              f.source_flags AS "sourceFlags", f.destination_flags AS "destinationFlags",
              mf.reason AS "failureReason"
       FROM ${s}.audit_findings f
       LEFT JOIN ${s}.message_failures mf
         ON f.kind = 'refused' AND mf.job_id = $1
        AND mf.folder = f.source_folder AND mf.uid = f.source_uid
       WHERE f.audit_id = $2 AND f.attempt = $3
         AND (f.folder_position, f.kind_rank, f.uid, f.part, f.position) > ($4, $5, $6, $7, $8)
       ORDER BY f.folder_position, f.kind_rank, f.uid, f.part, f.position
       LIMIT $9`,
      [
        jobId,
        audit.id,
        audit.attempt,
        cursor.folderPosition,
        cursor.kindRank,
        cursor.uid,
        cursor.part,
        cursor.position,
        limit,
      ],
    );
  }

  private async folderPositions(
    tx: EntityManager,
    jobId: string,
    sources: string[],
  ): Promise<Map<string, number>> {
    const folders = await tx.getRepository(JobFolderEntity).find({
      where: { jobId, source: In([...new Set(sources)]) },
      select: { source: true, position: true },
    });
    return new Map(folders.map((f) => [f.source, f.position]));
  }
}
