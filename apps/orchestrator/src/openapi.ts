import * as contracts from '@btsx/contracts';
import { JOB_OPTION_TEXTS } from '@btsx/contracts/core';
import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';

/** Where the API's OpenAPI page is served (through the gateway, like every /api route). */
export const OPENAPI_PATH = 'api/docs';
const SCHEMA_REF = '#/components/schemas/';

/** Serves the OpenAPI description of the orchestrator's HTTP API at /api/docs. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('BTSX API')
    .setDescription(
      'Jobs and schedules of delta passes (anonymous, by id) and the admin API: tenants, admins and API tokens with ' +
        'roles (viewer, operator, owner), and batches of mailbox pairs imported from CSV. Admin routes take a session ' +
        'cookie (with X-XSRF-TOKEN on changes) or a bearer API token. A job a batch started belongs to its tenant: ' +
        "/api/jobs/{id} answers 404 for it unless the caller is an admin of that tenant or of the MSP. Another tenant's " +
        'batch, job, admin or token answers 404, never 403.',
    )
    .addCookieAuth('btsx_admin')
    .addBearerAuth()
    .build();
  SwaggerModule.setup(
    OPENAPI_PATH,
    app,
    () => withBodySchemas(SwaggerModule.createDocument(app, config)),
    { jsonDocumentUrl: `${OPENAPI_PATH}/openapi.json` },
  );
}

/**
 * Request bodies are the contract classes the validation pipe checks; their schemas come
 * from the same class-validator rules, so the description cannot drift from what is
 * enforced. Nest alone names the classes but leaves them empty; the bus payloads it also
 * lists (from the event handlers) are no HTTP body and are left out.
 */
export function withBodySchemas(document: OpenAPIObject): OpenAPIObject {
  const schemas: Record<string, object> = {};
  const add = (name: string) => {
    const target = (contracts as Record<string, unknown>)[name];
    if (schemas[name] || typeof target !== 'function') return;
    schemas[name] = targetConstructorToSchema(target, {
      classTransformerMetadataStorage: defaultMetadataStorage,
      refPointerPrefix: SCHEMA_REF,
      // A rule of our own (folder patterns) has no schema: its description says it in words.
      additionalConverters: { [ValidationTypes.CUSTOM_VALIDATION]: {} },
    });
    for (const nested of referencedSchemas(schemas[name])) add(nested);
  };
  for (const name of referencedSchemas(document.paths)) add(name);
  if (schemas.JobOptions) schemas.JobOptions = describeJobOptions(schemas.JobOptions);
  return { ...document, components: { ...document.components, schemas } };
}

const FOLDERS_DESCRIPTION =
  'Which source folders to copy (all when absent): those that match one pattern of include ' +
  '(when given) and none of exclude. A pattern is a path inside the personal namespace with ' +
  '"/" between levels; * is any characters within a level, ? one character, ** any number ' +
  'of levels, \\Trash (or another RFC 6154 role) the folder with that role; case is ignored. ' +
  'map: rules { from, to } sending the folders that match the pattern from to the path to ' +
  '(inside the destination\'s own folders, "/" between levels), where $1, $2... stand for what ' +
  "from's wildcards took; the first rule that matches wins, a folder under a mapped one " +
  'follows it, and two folders sent onto one (or outside the own folders) fail the job.';

const MESSAGES_DESCRIPTION =
  "Which messages of those folders to copy (all when absent). since, before: the message's " +
  'INTERNALDATE (when the server received it) is at or after since and before before; each ' +
  'is an ISO 8601 date (midnight UTC) or a time with its offset. maxBytes: its size is at ' +
  'most this. skipDeleted: it is not flagged \\Deleted. Messages left out are counted as ' +
  "filtered (counters.filtered, the folder rows, the audit's totals), never as missing; a " +
  'message whose date the server did not say is copied.';

const LIMITS_DESCRIPTION =
  'How fast to copy at most (as fast as the servers go when absent): bytesPerSecond and ' +
  'messagesPerSecond, whole numbers above 0, each a ceiling every copier process holds the ' +
  "job's APPENDs to (a job spread over several copiers may go up to that many times as fast). " +
  "The providers' daily quotas (Gmail: 500 MB of uploads, 2,500 MB of downloads per account) " +
  'are kept whatever is set here: a job that reaches one pauses and resumes by itself.';

interface ObjectSchema {
  properties?: Record<string, object>;
}

/**
 * Each option with the description people read on the start page and in the CLI's help,
 * and the deprecated name that JobOptions still reads as reconcileExisting.
 */
function describeJobOptions(schema: ObjectSchema): ObjectSchema {
  const properties = { ...schema.properties };
  for (const [key, { label, description }] of Object.entries(JOB_OPTION_TEXTS)) {
    properties[key] = { ...properties[key], description: `${label}: ${description}` };
  }
  properties.folders = { ...properties.folders, description: FOLDERS_DESCRIPTION };
  properties.messages = { ...properties.messages, description: MESSAGES_DESCRIPTION };
  properties.limits = { ...properties.limits, description: LIMITS_DESCRIPTION };
  properties.replaceExisting = {
    type: 'boolean',
    deprecated: true,
    description: 'The former name of reconcileExisting, still read as it.',
  };
  return { ...schema, properties };
}

function referencedSchemas(value: unknown): string[] {
  const names = JSON.stringify(value).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g);
  return [...names].map(([, name]) => name);
}
