import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit report: every finding of an audit, one row each, and the two things an audit
 * now records: whether it was deep, and which run of the auditor its report comes from.
 */
export class AddAuditFindings1767300000000 implements MigrationInterface {
  name = 'AddAuditFindings1767300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE orchestrator.job_audits
        ADD COLUMN deep boolean NOT NULL DEFAULT false,
        ADD COLUMN report_attempt integer`);
    // (audit_id, attempt, part, position) is the finding's place in what the auditor sent:
    // a part delivered twice is stored once. The rows go with their audit, which goes with
    // its job (retention, DELETE /api/jobs/:id).
    await db.query(`
      CREATE TABLE orchestrator.audit_findings (
        audit_id uuid NOT NULL REFERENCES orchestrator.job_audits (id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        part integer NOT NULL,
        position integer NOT NULL,
        folder_position integer NOT NULL,
        kind_rank smallint NOT NULL,
        uid bigint NOT NULL,
        kind text NOT NULL,
        source_folder text NOT NULL,
        destination_folder text NOT NULL,
        source_uid bigint,
        source_size bigint,
        destination_uid bigint,
        destination_size bigint,
        message_id text,
        date text,
        subject text,
        source_flags text[],
        destination_flags text[],
        PRIMARY KEY (audit_id, attempt, part, position),
        CONSTRAINT audit_findings_kind_check
          CHECK (kind IN ('missing', 'refused', 'changed', 'extra', 'flags'))
      )`);
    // The report's order (folder, kind, UID), read page by page with a keyset on it.
    await db.query(`
      CREATE INDEX audit_findings_report_idx ON orchestrator.audit_findings
        (audit_id, attempt, folder_position, kind_rank, uid, part, position)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE orchestrator.audit_findings`);
    await db.query(`
      ALTER TABLE orchestrator.job_audits DROP COLUMN report_attempt, DROP COLUMN deep`);
  }
}
