import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Where the API's OpenAPI page is served (through the gateway, like every /api route). */
export const OPENAPI_PATH = 'api/docs';

/** Serves the OpenAPI description of the orchestrator's HTTP API at /api/docs. */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('BTSX API')
    .setDescription(
      'Jobs (anonymous, by id) and the admin API: batches of mailbox pairs imported from CSV. ' +
        'Admin routes take a session cookie (with X-XSRF-TOKEN on changes) or a bearer API token.',
    )
    .addCookieAuth('btsx_admin')
    .addBearerAuth()
    .build();
  SwaggerModule.setup(OPENAPI_PATH, app, () => SwaggerModule.createDocument(app, config), {
    jsonDocumentUrl: `${OPENAPI_PATH}/openapi.json`,
  });
}
