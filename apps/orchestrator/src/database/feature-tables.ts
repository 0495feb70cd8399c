import { MigrationInterface } from 'typeorm';

/**
 * What one feature keeps in the orchestrator's schema: its entities and the migrations
 * that made their tables. The root module hands every feature's to the one DataSource.
 */
export interface FeatureTables {
  entities: (new () => object)[];
  migrations: (new () => MigrationInterface)[];
}
