// The OpenAPI description the orchestrator serves, read from the running app.
import { CREDENTIAL_TOKEN_PATTERN, JOB_OPTION_TEXTS } from '@btsx/contracts/core';
import { startNats, startPostgres } from '@btsx/testing';
import { OrchestratorTestbed, startOrchestratorTestbed } from './orchestrator-testbed';

let orchestrator: OrchestratorTestbed;
let baseUrl: string;

beforeAll(async () => {
  const [postgres, nats] = await Promise.all([startPostgres(), startNats()]);
  orchestrator = await startOrchestratorTestbed({ postgres, nats });
  ({ baseUrl } = orchestrator);
});

afterAll(() => orchestrator?.close());

describe('orchestrator', () => {
  it('describes every request body in OpenAPI with the rules the validation enforces', async () => {
    const document = (await (await fetch(`${baseUrl}/api/docs/openapi.json`)).json()) as {
      components: { schemas: Record<string, { properties: object; required?: string[] }> };
    };
    const { schemas } = document.components;
    expect(schemas.CreateJobRequest.required).toEqual(
      expect.arrayContaining(['sourceCredentialId', 'destinationCredentialId', 'options']),
    );
    expect(schemas.CreateJobRequest.properties).toMatchObject({
      sourceCredentialId: { type: 'string', pattern: CREDENTIAL_TOKEN_PATTERN.source },
      options: { $ref: '#/components/schemas/JobOptions' },
    });
    expect(schemas.JobOptions.properties).toMatchObject({ deleteSource: { type: 'boolean' } });
    expect(schemas.JobOptions.properties).toMatchObject({
      reconcileExisting: {
        type: 'boolean',
        description: `Replace Existing: ${JOB_OPTION_TEXTS.reconcileExisting.description}`,
      },
      replaceExisting: { type: 'boolean', deprecated: true },
    });
    expect(schemas.JobOptions.properties).toMatchObject({
      messages: { $ref: '#/components/schemas/MessageSelection' },
    });
    expect(schemas.MessageSelection.properties).toMatchObject({ skipDeleted: { type: 'boolean' } });
    const plans = (document as unknown as { paths: Record<string, { post?: object }> }).paths[
      '/api/plans'
    ];
    expect(plans.post).toMatchObject({
      summary: 'What a job of these accounts and options would do',
      requestBody: {
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/CreateJobRequest' } },
        },
      },
    });
    expect(schemas.BatchLimitsRequest.properties).toHaveProperty('concurrency');
    expect(schemas.CreateScheduleRequest.required).toEqual(
      expect.arrayContaining(['timeZone', 'everyHours', 'options', 'sourceCredentialId']),
    );
    expect(schemas.CreateScheduleRequest.properties).toMatchObject({
      everyHours: { type: 'number' },
    });
    // Bus payloads of the event handlers are no HTTP body.
    expect(Object.keys(schemas)).not.toContain('TaskProgress');
    const refs = JSON.stringify(document).matchAll(/"#\/components\/schemas\/([^"]+)"/g);
    const unresolved = [...refs].map(([, name]) => name).filter((name) => !schemas[name]);
    expect(unresolved).toEqual([]);
  });
});
