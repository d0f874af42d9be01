/** Login, tokens, accounts and partner keys. Thin: rules live in AccountService. */
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import { intKeyOf, serialIdOf } from '../../domain/global-id';
import { ErrorCode, HubError } from '../../common/errors';
import { isAdmin, Role } from '../../auth/viewer';
import type { AuthResult } from '../../auth/credentials/account.service';
import { IssueApiKeyInput, RegisterAccountInput } from './access.inputs';
import { Account, ApiKey, AuthPayload, IssuedApiKey, ViewerInfo } from './access.types';
import { type PersonalField } from '../../domain/access';
import { accountOf, apiKeysOf, personOfStudentOrEmployee } from './access.service';
import { recordAudit } from '../../auth/audit/audit.service';
import { studentById } from '../../sources/avn/avn.students';
import { employeeById } from '../../sources/avn/avn.staff';
import { Student } from '../students/student.types';
import { Employee } from '../staff/employee.types';

function requireAdmin(context: HubContext): void {
  if (!isAdmin(context.viewer)) throw new HubError(ErrorCode.FORBIDDEN, 'Only administrators may do this.');
}

@Resolver()
export class AccessResolver {
  @Query(() => ViewerInfo, { description: 'Who the hub takes the caller to be, and what it may see.' })
  viewer(@Ctx() { viewer }: HubContext): ViewerInfo {
    return {
      kind: viewer.kind,
      label: viewer.label,
      role: viewer.role,
      readDomains: [...viewer.scope.read],
      personalFields: [...viewer.scope.personal] as PersonalField[],
      studentKey: viewer.scope.studentKey,
      employeeKey: viewer.scope.employeeKey,
    };
  }

  @Mutation(() => AuthPayload, {
    description: 'Logs in with login and password; returns a short-lived access token and a refresh token. Repeated failures are slowed down (each answer waits longer, up to a bounded delay), never locked: the right password still gets in; a burst of parallel attempts is refused with RATE_LIMITED (`extensions.retryAfterSeconds`).',
  })
  async login(
    @Arg('login', { description: 'Login name.' }) login: string,
    @Arg('password', { description: 'Password.' }) password: string,
    @Ctx() context: HubContext,
  ) {
    const address = context.clientAddress ?? 'unknown';
    try {
      const result = await context.runtime.access.accounts.login(login, password, address);
      recordAudit(context, { operation: 'login', objects: [{ type: 'Account', id: result.accountId }] });
      return this.payload(context, result);
    } catch (error) {
      // Failed attempts are audited (the login tried, never the password): the first from an
      // address at once, its repeats summed into one entry per window (failed-logins.ts).
      const code = error instanceof HubError ? error.extensions.code : null;
      if (code === ErrorCode.INVALID_CREDENTIALS || code === ErrorCode.RATE_LIMITED) {
        const throttled = code === ErrorCode.RATE_LIMITED;
        if (context.runtime.access.failedLogins.note(address, login, throttled)) {
          recordAudit(context, {
            operation: 'login',
            changes: [{ field: 'failedLogin', objectId: login.slice(0, 64), old: null, new: { address, attempts: 1, throttled } }],
          });
        }
      }
      throw error;
    }
  }

  @Mutation(() => AuthPayload, { description: 'Trades a refresh token (once) for new tokens. A refresh token presented a second time ends every session of its account at once (its access tokens too).' })
  async refreshAccessToken(@Arg('refreshToken', { description: 'The refresh token from `login` or the previous refresh.' }) refreshToken: string, @Ctx() context: HubContext) {
    return this.payload(context, await context.runtime.access.accounts.refresh(refreshToken));
  }

  @Mutation(() => Boolean, { description: 'Changes the caller\'s password; its other sessions end.' })
  async changePassword(
    @Arg('oldPassword', { description: 'The current password.' }) oldPassword: string,
    @Arg('newPassword', { description: 'The new password, at least 10 characters.' }) newPassword: string,
    @Ctx() context: HubContext,
  ) {
    await context.runtime.access.accounts.changePassword(context.viewer, oldPassword, newPassword);
    recordAudit(context, { operation: 'changePassword', objects: [{ type: 'Account', id: context.viewer.id! }] });
    return true;
  }

  @Query(() => [Account], { nullable: true, description: 'All accounts (administrators only).' })
  async accounts(@Ctx() context: HubContext) {
    requireAdmin(context);
    return accountOf(context, null);
  }

  @Mutation(() => Account, { description: 'Registers an account (administrators only).' })
  async registerAccount(@Arg('input', () => RegisterAccountInput, { description: 'The new account.' }) input: RegisterAccountInput, @Ctx() context: HubContext) {
    requireAdmin(context);
    const employeeKey = input.employeeId ? intKeyOf(input.employeeId, 'Employee') : null;
    const studentKey = input.studentId ? intKeyOf(input.studentId, 'Student') : null;
    const id = await context.runtime.access.accounts.register({
      login: input.login,
      password: input.password,
      role: input.role,
      employeeKey,
      studentKey,
      facultyKey: input.facultyId ? intKeyOf(input.facultyId, 'Faculty') : null,
      chairKey: input.chairId ? intKeyOf(input.chairId, 'Chair') : null,
      personKey: await personOfStudentOrEmployee(context, studentKey, employeeKey),
    });
    recordAudit(context, { operation: 'registerAccount', objects: [{ type: 'Account', id }], changes: [{ field: 'role', objectId: id, old: null, new: input.role }] });
    return (await accountOf(context, id))[0];
  }

  @Mutation(() => Account, { description: 'Deactivates an account: it can no longer log in, its tokens stop working and its open subscriptions close within seconds (administrators only).' })
  async deactivateAccount(@Arg('id', () => ID, { description: 'Account id.' }) id: string, @Ctx() context: HubContext) {
    requireAdmin(context);
    id = serialIdOf(id, 'account');
    if (id === context.viewer.id) throw new HubError(ErrorCode.VALIDATION_FAILED, 'An administrator cannot deactivate its own account.', { field: 'id' });
    await context.runtime.access.accounts.setActive(id, false);
    recordAudit(context, { operation: 'deactivateAccount', objects: [{ type: 'Account', id }], changes: [{ field: 'active', objectId: id, old: true, new: false }] });
    return (await accountOf(context, id))[0];
  }

  @Mutation(() => Account, { description: 'Re-activates a deactivated account, optionally with a new password (administrators only). Tokens issued before the deactivation stay refused: its owner logs in again.' })
  async reactivateAccount(
    @Arg('id', () => ID, { description: 'Account id.' }) id: string,
    @Arg('newPassword', () => String, { nullable: true, description: 'A new password (at least 10 characters); the old one stays when omitted.' }) newPassword: string | null,
    @Ctx() context: HubContext,
  ) {
    requireAdmin(context);
    id = serialIdOf(id, 'account');
    await context.runtime.access.accounts.setActive(id, true, newPassword);
    recordAudit(context, {
      operation: 'reactivateAccount',
      objects: [{ type: 'Account', id }],
      // Whether the password was reset is recorded; the password never is.
      changes: [{ field: 'active', objectId: id, old: false, new: true }, ...(newPassword != null ? [{ field: 'passwordReset', objectId: id, old: null, new: true }] : [])],
    });
    return (await accountOf(context, id))[0];
  }

  @Query(() => [ApiKey], { nullable: true, description: 'All partner keys, valid and revoked (administrators only).' })
  async apiKeys(@Ctx() context: HubContext) {
    requireAdmin(context);
    return apiKeysOf(context, null);
  }

  @Mutation(() => IssuedApiKey, { description: 'Issues a partner unit\'s key (administrators only). The key is in the answer once and never again.' })
  async issueApiKey(@Arg('input', () => IssueApiKeyInput, { description: 'The key\'s unit, purpose and scopes.' }) input: IssueApiKeyInput, @Ctx() context: HubContext) {
    requireAdmin(context);
    if (input.role === Role.ADMIN) throw new HubError(ErrorCode.VALIDATION_FAILED, 'Partner keys cannot be administrators.', { field: 'role' });
    const { id, key } = await context.runtime.access.accounts.issueApiKey(
      {
        name: input.name,
        role: input.role,
        purpose: input.purpose,
        read: input.readDomains ?? null,
        write: input.writeDomains ?? null,
        personal: input.personalFields ?? null,
        facultyKey: input.facultyId ? intKeyOf(input.facultyId, 'Faculty') : null,
        expiresAt: input.expiresAt ?? null,
      },
      context.viewer.kind === 'account' ? context.viewer.id : null,
    );
    recordAudit(context, {
      operation: 'issueApiKey',
      objects: [{ type: 'ApiKey', id }],
      changes: [{ field: 'scope', objectId: id, old: null, new: { role: input.role, purpose: input.purpose, read: input.readDomains ?? null, personal: input.personalFields ?? null } }],
    });
    return { key, apiKey: (await apiKeysOf(context, id))[0] };
  }

  @Mutation(() => ApiKey, { description: 'Revokes a partner key at once; sockets opened with it close within seconds (administrators only).' })
  async revokeApiKey(@Arg('id', () => ID, { description: 'Key id.' }) id: string, @Ctx() context: HubContext) {
    requireAdmin(context);
    id = serialIdOf(id, 'API key');
    await context.runtime.access.accounts.revokeApiKey(id);
    recordAudit(context, { operation: 'revokeApiKey', objects: [{ type: 'ApiKey', id }], changes: [{ field: 'revoked', objectId: id, old: false, new: true }] });
    return (await apiKeysOf(context, id))[0];
  }

  private async payload(context: HubContext, result: AuthResult): Promise<AuthPayload> {
    return { ...result, account: (await accountOf(context, result.accountId))[0] };
  }
}

/**
 * The caller's own records: read through the same loaders and guard as any other Student or
 * Employee, so the viewer sees exactly what its row and field rules allow of itself.
 */
@Resolver(() => ViewerInfo)
export class ViewerRecords {
  @FieldResolver(() => Student, {
    nullable: true,
    description: 'The caller\'s own student record (a student account, or a key tied to a student); null for anonymous callers and for accounts and keys tied to no student.',
  })
  student(@Root() info: ViewerInfo, @Ctx() context: HubContext) {
    return info.studentKey == null ? null : studentById(context).load(info.studentKey);
  }

  @FieldResolver(() => Employee, {
    nullable: true,
    description: 'The caller\'s own employee record (a teacher or chair account, or a key tied to an employee); null for anonymous callers and for accounts and keys tied to no employee.',
  })
  employee(@Root() info: ViewerInfo, @Ctx() context: HubContext) {
    return info.employeeKey == null ? null : employeeById(context).load(info.employeeKey);
  }
}

export const accessResolvers = [AccessResolver, ViewerRecords] as const;
