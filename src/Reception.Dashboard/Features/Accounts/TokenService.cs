using Reception.Dashboard.Infrastructure.Idempotency;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Personal access tokens: a signed-in person makes one for a role they hold, and may revoke it at
/// any time. Both honour <c>Idempotency-Key</c>; a repeated creation never shows the secret again.
/// </summary>
public sealed class TokenService(IDbContextFactory<ReceptionDbContext> dbFactory, IdempotencyLedger ledger, HubConnections connections, TimeProvider clock)
{
    public const int MaxExpiryDays = 730;

    public async Task<IReadOnlyList<TokenDto>> ListMineAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = DemandNotOnPhone(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
        return tokens.OrderByDescending(t => t.CreatedAt).Select(t => t.ToDto()).ToList();
    }

    public async Task<CreatedTokenDto> CreateAsync(ClaimsPrincipal user, CreateTokenRequest request, string? idempotencyKey, CancellationToken ct)
    {
        var userId = Access.DemandPerson(user);

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > Validation.NameMaxLength)
        {
            errors["name"] = [AccountText.Get("Token.Name", Validation.NameMaxLength)];
        }
        else if (Validation.HasControlCharacters(request.Name))
        {
            errors["name"] = [Validation.ControlCharactersRefused()];
        }

        if (!Enum.IsDefined(request.Role))
        {
            errors["role"] = [Validation.ChooseOneOf<SiteRole>()];
        }

        if (request.ExpiresInDays is < 1 or > MaxExpiryDays)
        {
            errors["expiresInDays"] = [AccountText.Get("Token.Expiry", MaxExpiryDays)];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await db.EnsureSiteExistsAsync(request.SiteId, ct);
        }

        if (!user.IsSystemAdmin() && !user.RolesAt(request.SiteId).Contains(request.Role))
        {
            throw new ForbiddenException(AccountText.Get("Token.RoleNotHeld"));
        }

        var created = await ledger.RunAsync(user.IdempotencyScope(), "tokens.create", request, idempotencyKey, async () =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var now = clock.GetUtcNow().UtcDateTime;
            var (token, secret) = AccessToken.Create(userId, request.SiteId, request.Role, request.Name!.Trim(), now,
                request.ExpiresInDays is { } days ? now.AddDays(days) : null);
            db.AccessTokens.Add(token);
            await db.SaveChangesAsync(ct);
            return new CreatedTokenDto(token.ToDto(), secret);
        }, shown => shown with { Secret = null }, ct);
        return created.Secret is null ? created with { Notice = AccountText.Get("Token.SecretShownOnce") } : created;
    }

    public Task<TokenDto> RevokeAsync(ClaimsPrincipal user, Guid tokenId, string? idempotencyKey, CancellationToken ct)
    {
        var userId = DemandNotOnPhone(user);
        return ledger.RunAsync(user.IdempotencyScope(), $"tokens.revoke:{tokenId}", null, idempotencyKey,
            () => RevokeOnceAsync(user, userId, tokenId, ct), withoutSecret: null, ct);
    }

    private async Task<TokenDto> RevokeOnceAsync(ClaimsPrincipal user, Guid userId, Guid tokenId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || (token.UserId != userId && !user.IsSystemAdmin()))
        {
            throw new NotFoundException(AccountText.Get("Entity.Token"), tokenId);
        }

        if (token.Revoke(clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(ct);
            connections.AbortAll(token.UserId);
        }

        return token.ToDto();
    }

    /// <summary>A token may list and revoke its person's tokens; a PIN session on a guard phone is a guard's and may not.</summary>
    private static Guid DemandNotOnPhone(ClaimsPrincipal user)
    {
        var userId = Access.DemandSignedIn(user);
        return user.DeviceIdOf() is null ? userId : throw new ForbiddenException(AccountText.Get("PersonOnly"));
    }
}
