import { clientAddress, ClientNetwork, clientNetwork } from '@btsx/platform';
import {
  createParamDecorator,
  ExecutionContext,
  Inject,
  Injectable,
  PipeTransform,
} from '@nestjs/common';
import type { Request } from 'express';
import type { AdminPrincipal } from '../admin';
import { OrchestratorConfig } from '../orchestrator.config';

/** A browser's User-Agent is a few hundred characters; more is noise, or someone's payload. */
const MAX_USER_AGENT = 512;

/** Who acted, as they were at the time. */
export interface ActivityActor {
  adminId: string | null;
  email: string | null;
  tokenId: string | null;
  tokenName: string | null;
}

/** Who made a request and from where: what every activity row of that request shares. */
export interface ActivityOrigin {
  /** Null before sign-in (the sign-in routes name the admin once they know it). */
  actor: ActivityActor | null;
  /** The acting admin's tenant; null for an MSP admin, and before sign-in. */
  tenantId: string | null;
  ip: string;
  userAgent: string | null;
}

/** The admin a session or API token stands for, as an activity row names them. */
export function actorOf(
  admin: Pick<AdminPrincipal, 'adminId' | 'email' | 'kind' | 'tokenId' | 'tokenName'>,
): ActivityActor {
  const viaToken = admin.kind === 'api';
  return {
    adminId: admin.adminId,
    email: admin.email,
    tokenId: viaToken ? admin.tokenId : null,
    tokenName: viaToken ? admin.tokenName : null,
  };
}

/** An admin acting in person (signing in, accepting an invitation). */
export function adminActor(admin: { id: string; email: string }): ActivityActor {
  return { adminId: admin.id, email: admin.email, tokenId: null, tokenName: null };
}

/**
 * Reads the origin off the request: the client's address as the rate limits read it
 * (X-Forwarded-For only from the trusted gateway), and the admin AdminAuthGuard found.
 */
@Injectable()
export class ActivityOriginPipe implements PipeTransform<Request, ActivityOrigin> {
  private readonly network: ClientNetwork;

  constructor(@Inject(OrchestratorConfig) config: OrchestratorConfig) {
    this.network = clientNetwork(config);
  }

  transform(request: Request & { admin?: AdminPrincipal }): ActivityOrigin {
    const userAgent = request.headers['user-agent']?.slice(0, MAX_USER_AGENT) || null;
    return {
      actor: request.admin ? actorOf(request.admin) : null,
      tenantId: request.admin?.tenantId ?? null,
      ip: clientAddress(request, this.network),
      userAgent,
    };
  }
}

const TheRequest = createParamDecorator((_: unknown, context: ExecutionContext) =>
  context.switchToHttp().getRequest<Request>(),
);

/** A handler parameter: the request's ActivityOrigin (after the guards, so with its admin). */
export const RequestOrigin = () => TheRequest(ActivityOriginPipe);
