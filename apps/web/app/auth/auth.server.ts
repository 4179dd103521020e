import { newId } from '@specboard/db';
import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/organization/access';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { logger } from '../logger.server.ts';
import { revokeOnLeave, revokingOrganizationHooks } from '../orgs/access-revocation.server.ts';
import { CLIENT_ADDRESS_HEADER } from '../security/client-address.server.ts';

const ac = createAccessControl(defaultStatements);
const everything = {
  organization: ['update', 'delete'],
  member: ['create', 'update', 'delete'],
  invitation: ['create', 'cancel'],
  team: ['create', 'update', 'delete'],
  ac: ['create', 'read', 'update', 'delete'],
} as const;
// Project and document rights live in permissions.ts; better-auth only guards its own endpoints.
const roles = {
  owner: ac.newRole({ ...everything }),
  admin: ac.newRole({ ...everything, organization: ['update'] }),
  editor: ac.newRole({ ac: ['read'] }),
  commenter: ac.newRole({ ac: ['read'] }),
  viewer: ac.newRole({ ac: ['read'] }),
};

const timestamps = { createdAt: 'created_at', updatedAt: 'updated_at' };

function createAuth() {
  const config = env();
  return betterAuth({
    appName: 'Specboard',
    baseURL: config.BASE_URL,
    secret: config.BETTER_AUTH_SECRET,
    trustedOrigins: [config.BASE_URL],
    database: { db: db(), type: 'postgres' },
    emailAndPassword: { enabled: true, minPasswordLength: 8, autoSignIn: true },
    // The app's limiter (security/auth-limit.server.ts) guards every auth POST; better-auth's own
    // stays on in production as a second line, keyed on the address the app decided on.
    rateLimit: { enabled: config.NODE_ENV === 'production' },
    hooks: { after: revokeOnLeave },
    user: {
      modelName: 'users',
      fields: { emailVerified: 'email_verified', ...timestamps },
    },
    session: {
      modelName: 'sessions',
      fields: {
        userId: 'user_id',
        expiresAt: 'expires_at',
        ipAddress: 'ip_address',
        userAgent: 'user_agent',
        ...timestamps,
      },
    },
    account: {
      modelName: 'accounts',
      fields: {
        accountId: 'account_id',
        providerId: 'provider_id',
        userId: 'user_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        ...timestamps,
      },
    },
    verification: {
      modelName: 'verifications',
      fields: { expiresAt: 'expires_at', ...timestamps },
    },
    advanced: {
      database: { generateId: () => newId() },
      useSecureCookies: config.NODE_ENV === 'production',
      // Never X-Forwarded-For: only the header the app sets from the TCP peer (or trusted proxy).
      ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    plugins: [
      organization({
        ac,
        roles,
        creatorRole: 'owner',
        invitationExpiresIn: 7 * 24 * 60 * 60,
        // No mail server, so addresses cannot be verified: the invitation link (shown only to
        // admins) plus a matching sign-up email is the proof. Revisit once email is wired.
        requireEmailVerificationOnInvitation: false,
        organizationHooks: revokingOrganizationHooks,
        schema: {
          session: { fields: { activeOrganizationId: 'active_organization_id' } },
          organization: { modelName: 'organizations', fields: { createdAt: 'created_at' } },
          member: {
            modelName: 'members',
            fields: {
              organizationId: 'organization_id',
              userId: 'user_id',
              createdAt: 'created_at',
            },
          },
          invitation: {
            modelName: 'invitations',
            fields: {
              organizationId: 'organization_id',
              inviterId: 'inviter_id',
              expiresAt: 'expires_at',
              createdAt: 'created_at',
            },
          },
        },
        // No mail server: the link is shown to the inviter and logged here.
        sendInvitationEmail: async ({ id, email, organization: org }) => {
          logger().info(
            { email, organization: org.name, link: `${config.BASE_URL}/invitations/${id}` },
            'invitation created',
          );
        },
      }),
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

let instance: Auth | undefined;

export function auth(): Auth {
  instance ??= createAuth();
  return instance;
}
