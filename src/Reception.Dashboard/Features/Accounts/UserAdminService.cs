using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Reception.Dashboard.Infrastructure.Idempotency;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Accounts and roles, managed by people, never by tokens, within <see cref="AccountScope"/>. A site
/// Admin therefore creates an account with its first role. Account writes have no site, so they
/// honour <c>Idempotency-Key</c> through the <see cref="IdempotencyLedger"/>, which never keeps a password.
/// </summary>
public sealed class UserAdminService(
    IServiceScopeFactory scopes,
    IDbContextFactory<ReceptionDbContext> dbFactory,
    SiteWriter writer,
    IdempotencyLedger ledger,
    HubConnections connections,
    SetupCode setup)
{
    public async Task<IReadOnlyList<UserDto>> ListAsync(ClaimsPrincipal actor, CancellationToken ct)
    {
        DemandAnyAdmin(actor);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = (await db.UserSiteRoles.AsNoTracking().ToListAsync(ct)).ToLookup(r => r.UserId);
        return users.Where(u => AccountScope.CanManage(actor, u, roles[u.Id].ToList())).Select(u => ToDto(u, roles[u.Id])).ToList();
    }

    public async Task<UserWithPasswordDto> CreateAsync(ClaimsPrincipal actor, CreateUserRequest request, string? idempotencyKey, CancellationToken ct)
    {
        DemandAnyAdmin(actor);
        var errors = AccountFieldErrors(request.UserName, request.DisplayName);
        if (request.Role is { } role && !Enum.IsDefined(role))
        {
            errors["role"] = [Validation.ChooseOneOf<SiteRole>()];
        }
        else if (request.SiteId is not null && request.Role is null)
        {
            errors["role"] = [AccountText.Get("Account.ChooseRole")];
        }
        else if (request.SiteId is null && request.Role is not null)
        {
            errors["siteId"] = [AccountText.Get("Account.ChooseSiteAndRole")];
        }
        else if (request.SiteId is null && !actor.IsSystemAdmin())
        {
            errors["role"] = [AccountText.Get("Account.ChooseSiteAndRole")];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        if (request.SiteId is { } siteId)
        {
            Access.Demand(actor, siteId, Permission.ManageRoles);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            await db.EnsureSiteExistsAsync(siteId, ct);
        }

        var created = await ledger.RunAsync(actor.IdempotencyScope(), "users.create", request, idempotencyKey,
            () => CreateWithFirstRoleAsync(actor, request, ct), WithoutSecret, ct);
        return Shown(created);
    }

    /// <summary>Creates the first administrator with the one-time setup code; refused once anyone exists.</summary>
    public async Task<UserDto> SetUpFirstAdminAsync(SetupRequest request, CancellationToken ct)
    {
        if (!setup.IsOpen)
        {
            throw new ConflictException(AccountText.Get("Setup.AlreadyDone"));
        }

        if (!setup.Matches(request.Code))
        {
            throw RuleViolationException.For("code", AccountText.Get("Setup.BadCode"));
        }

        var errors = AccountFieldErrors(request.UserName, request.DisplayName);
        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            if (await db.Users.AnyAsync(ct))
            {
                setup.Close();
                throw new ConflictException(AccountText.Get("Setup.AdminExists"));
            }
        }

        var user = await CreateUserAsync(request.UserName!.Trim(), request.DisplayName!.Trim(), request.Password ?? "", systemAdmin: true, ct);
        setup.Close();
        return ToDto(user, []);
    }

    public async Task<UserWithPasswordDto> ResetPasswordAsync(ClaimsPrincipal actor, Guid userId, string? idempotencyKey, CancellationToken ct)
    {
        DemandAnyAdmin(actor);
        if (actor.UserId() == userId)
        {
            throw new ConflictException(AccountText.Get("Account.ResetOwnPassword"));
        }

        var reset = await ledger.RunAsync(actor.IdempotencyScope(), $"users.reset-password:{userId}", null, idempotencyKey, async () =>
        {
            var password = NewPassword();
            var user = await ChangeUserAsync(actor, userId, async (users, user) =>
            {
                // Whoever knew the old password may have set the PIN: it goes too (saved by the calls below).
                user.ClearPin();
                // Both calls renew the security stamp, so every cookie of the user stops working.
                Check(await users.RemovePasswordAsync(user));
                Check(await users.AddPasswordAsync(user, password));
                Check(await users.SetLockoutEndDateAsync(user, null));
                Check(await users.ResetAccessFailedCountAsync(user));
            }, ct);
            return new UserWithPasswordDto(user, password);
        }, WithoutSecret, ct);
        return Shown(reset);
    }

    public Task<UserDto> SetDisabledAsync(ClaimsPrincipal actor, Guid userId, bool disabled, string? idempotencyKey, CancellationToken ct)
    {
        DemandAnyAdmin(actor);
        if (disabled && actor.UserId() == userId)
        {
            throw new ConflictException(AccountText.Get("Account.DisableSelf"));
        }

        var operation = disabled ? "users.disable" : "users.enable";
        return ledger.RunAsync(actor.IdempotencyScope(), $"{operation}:{userId}", null, idempotencyKey, () =>
            ChangeUserAsync(actor, userId, async (users, user) =>
            {
                if (user.Disabled == disabled)
                {
                    return;
                }

                user.Disabled = disabled;
                Check(await users.UpdateAsync(user));
                Check(await users.UpdateSecurityStampAsync(user));
            }, ct), withoutSecret: null, ct);
    }

    /// <summary>The accounts that hold a role at the call's site, each with their roles there.</summary>
    public async Task<IReadOnlyList<UserDto>> ListAtSiteAsync(SiteCall call)
    {
        call.Demand(Permission.ManageRoles);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(siteId, ct);
        var userIds = await db.UserSiteRoles.Where(r => r.SiteId == siteId).Select(r => r.UserId).Distinct().ToListAsync(ct);
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).OrderBy(u => u.UserName).ToListAsync(ct);
        var roles = (await db.UserSiteRoles.AsNoTracking().Where(r => userIds.Contains(r.UserId)).ToListAsync(ct)).ToLookup(r => r.UserId);
        return users.Select(u => ToDto(u, roles[u.Id].Where(r => r.SiteId == siteId))).ToList();
    }

    public Task<UserDto> GrantRoleAsync(SiteCall call, GrantRoleRequest request) =>
        GrantAsync(call.User, call.SiteId, request, call.IdempotencyKey, newAccount: false, call.Cancellation);

    public async Task<UserDto> RevokeRoleAsync(SiteCall call, Guid userId, SiteRole role)
    {
        var (actor, siteId, ct) = (call.User, call.SiteId, call.Cancellation);
        var who = call.Demand(Permission.ManageRoles);
        Access.DemandPerson(actor);
        var revoked = await writer.WriteAsync(call, who, $"roles.revoke:{siteId}:{userId}:{role}", null, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            // Someone who does not work here is, to this site, no one: the answer tells nothing about them.
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId && db.UserSiteRoles.Any(r => r.UserId == u.Id && r.SiteId == siteId), ct)
                ?? throw new NotFoundException(AccountText.Get("Entity.User"), userId);
            // A site Admin may take their site's roles from anyone who works there, but a system
            // administrator's sessions are not theirs to end.
            if (user.SystemAdmin && !actor.IsSystemAdmin())
            {
                throw AccountScope.OtherSites();
            }

            var held = await db.UserSiteRoles.SingleOrDefaultAsync(r => r.UserId == userId && r.SiteId == siteId && r.Role == role, ct);
            if (held is null)
            {
                return false;
            }

            db.UserSiteRoles.Remove(held);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            events.Add(EventTypes.RoleRevoked, new RoleChanged(userId, role));
            return true;
        });
        if (revoked)
        {
            connections.AbortAll(userId);
        }

        return await GetAsync(actor, userId, ct);
    }

    private async Task<UserWithPasswordDto> CreateWithFirstRoleAsync(ClaimsPrincipal actor, CreateUserRequest request, CancellationToken ct)
    {
        var password = NewPassword();
        var user = await CreateUserAsync(request.UserName!.Trim(), request.DisplayName!.Trim(), password, systemAdmin: false, ct);
        if (request.SiteId is not { } site)
        {
            return new UserWithPasswordDto(ToDto(user, []), password);
        }

        try
        {
            return new UserWithPasswordDto(await GrantAsync(actor, site, new GrantRoleRequest(user.Id, request.Role!.Value), null, newAccount: true, ct), password);
        }
        catch
        {
            // An account without its first role is invisible to the site Admin who made it, and its
            // password was never shown: take it back, so the name can be used again.
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<UserManager<User>>().DeleteAsync(user);
            throw;
        }
    }

    /// <summary>Grants a role; the account must be one the actor manages, unless they have just created it.</summary>
    private async Task<UserDto> GrantAsync(ClaimsPrincipal actor, Guid siteId, GrantRoleRequest request, string? idempotencyKey, bool newAccount, CancellationToken ct)
    {
        var who = Access.Demand(actor, siteId, Permission.ManageRoles);
        Access.DemandPerson(actor);
        if (!Enum.IsDefined(request.Role))
        {
            throw RuleViolationException.For("role", Validation.ChooseOneOf<SiteRole>());
        }

        var userId = await writer.WriteAsync(siteId, new Command(who, $"roles.grant:{siteId}", request, idempotencyKey), async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            var user = newAccount
                ? await db.Users.SingleAsync(u => u.Id == request.UserId, ct)
                : await AccountScope.DemandManageableAsync(db, actor, request.UserId, "userId", ct);
            if (!await db.UserSiteRoles.AnyAsync(r => r.UserId == user.Id && r.SiteId == siteId && r.Role == request.Role, ct))
            {
                db.UserSiteRoles.Add(new UserSiteRole { UserId = user.Id, SiteId = siteId, Role = request.Role });
                user.SecurityStamp = Guid.NewGuid().ToString("N");
                events.Add(EventTypes.RoleGranted, new RoleChanged(user.Id, request.Role));
            }

            return user.Id;
        }, ct);
        connections.AbortAll(userId);
        return await GetAsync(actor, userId, ct);
    }

    private async Task<User> CreateUserAsync(string userName, string displayName, string password, bool systemAdmin, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new ConflictException(AccountText.Get("Account.NameTaken", userName));
        }

        var user = new User { UserName = userName, DisplayName = displayName, SystemAdmin = systemAdmin };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new RuleViolationException(result.Errors
                .GroupBy(e => e.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }

        return user;
    }

    private async Task<UserDto> ChangeUserAsync(ClaimsPrincipal actor, Guid userId, Func<UserManager<User>, User, Task> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new NotFoundException(AccountText.Get("Entity.User"), userId);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var roles = await db.UserSiteRoles.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(ct);
            if (!AccountScope.CanManage(actor, user, roles))
            {
                throw AccountScope.OtherSites();
            }
        }

        await change(users, user);
        connections.AbortAll(userId);
        return await GetAsync(actor, userId, ct);
    }

    private async Task<UserDto> GetAsync(ClaimsPrincipal actor, Guid userId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == userId, ct);
        var roles = await db.UserSiteRoles.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(ct);
        return ToDto(user, AccountScope.VisibleTo(actor, roles));
    }

    private static void DemandAnyAdmin(ClaimsPrincipal actor)
    {
        Access.DemandPerson(actor);
        if (!Access.IsAnyAdmin(actor))
        {
            throw new ForbiddenException(AccountText.Get("Account.AdminsOnly"));
        }
    }

    private static Dictionary<string, string[]> AccountFieldErrors(string? userName, string? displayName)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > 64)
        {
            errors["userName"] = [AccountText.Get("Account.UserNameFormat", 64)];
        }
        else if (Validation.HasControlCharacters(userName))
        {
            errors["userName"] = [Validation.ControlCharactersRefused()];
        }

        if (string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > Validation.NameMaxLength)
        {
            errors["displayName"] = [AccountText.Get("Account.DisplayNameFormat", Validation.NameMaxLength)];
        }
        else if (Validation.HasControlCharacters(displayName))
        {
            errors["displayName"] = [Validation.ControlCharactersRefused()];
        }

        return errors;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new ConflictException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private static UserWithPasswordDto WithoutSecret(UserWithPasswordDto shown) => shown with { Password = null };

    /// <summary>A repeat answers without the password, and says why.</summary>
    private static UserWithPasswordDto Shown(UserWithPasswordDto answer) =>
        answer.Password is null ? answer with { Notice = AccountText.Get("Account.PasswordShownOnce") } : answer;

    /// <summary>A password to read out or copy once: 12 characters without look-alikes (0/O, 1/l/I).</summary>
    private static string NewPassword() =>
        RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 12);

    private static UserDto ToDto(User user, IEnumerable<UserSiteRole> roles) => new(
        user.Id, user.UserName ?? "", user.DisplayName, user.Disabled, user.SystemAdmin,
        roles.OrderBy(r => r.SiteId).ThenBy(r => r.Role).Select(r => new SiteRoleDto(r.SiteId, r.Role)).ToList());
}
