import { newId } from '@specboard/db';
import { betterAuth } from 'better-auth';
import { organization } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { defaultStatements } from 'better-auth/plugins/organization/access';
import { db } from '../db.server.ts';
import { env } from '../env.server.ts';
import { logger } from '../logger.server.ts';
import { spendAccountMail } from '../mail/account-mail-budget.server.ts';
import { sendMail } from '../mail/mailer.server.ts';
import { passwordResetMail, verificationMail } from '../mail/messages.ts';
import { revokeOnLeave, revokingOrganizationHooks } from '../orgs/access-revocation.server.ts';
import { mailInvitation } from '../orgs/invitation-token.server.ts';
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
    // Invitations are read and answered only through the app's route, which checks the link's
    // secret first; over HTTP these would need the id alone.
    disabledPaths: [
      '/organization/get-invitation',
      '/organization/accept-invitation',
      '/organization/reject-invitation',
    ],
    // Unverified accounts may sign in and work in their own organisations; joining one by
    // invitation needs a verified email (docs/decisions/010-email-verification.md).
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 8,
      autoSignIn: true,
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: async ({ user, url }) => {
        if (!spendAccountMail(user.email)) {
          logger().warn({ userId: user.id }, 'password reset mail not sent: hourly budget spent');
          return;
        }
        await sendMail(passwordResetMail(user.email, url));
      },
    },
    emailVerification: {
      sendOnSignUp: true,
      autoSignInAfterVerification: true,
      sendVerificationEmail: async ({ user, url }) => {
        if (!spendAccountMail(user.email)) {
          logger().warn({ userId: user.id }, 'verification mail not sent: hourly budget spent');
          return;
        }
        await sendMail(verificationMail(user.email, url));
      },
    },
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
        // Accepting needs the invited address, verified, plus the link's secret (checked by the
        // app's accept path, orgs/invitation.server.ts).
        requireEmailVerificationOnInvitation: true,
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
        sendInvitationEmail: async ({ invitation, organization: org, inviter }) => {
          await mailInvitation({
            id: invitation.id,
            email: invitation.email,
            role: invitation.role,
            expiresAt: invitation.expiresAt,
            organizationId: org.id,
            organizationName: org.name,
            inviterId: inviter.user.id,
            inviterEmail: inviter.user.email,
          });
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
