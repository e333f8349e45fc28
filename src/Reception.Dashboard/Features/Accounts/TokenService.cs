using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;
using Reception.Dashboard.Realtime;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>Personal access tokens: a signed-in person makes one for a role they hold, and may revoke it at any time.</summary>
public sealed class TokenService(IDbContextFactory<ReceptionDbContext> dbFactory, HubConnections connections, TimeProvider clock)
{
    public const int MaxExpiryDays = 730;

    public async Task<IReadOnlyList<TokenDto>> ListMineAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        var userId = Access.DemandSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(ct);
        return tokens.OrderByDescending(t => t.CreatedAt).Select(t => t.ToDto()).ToList();
    }

    public async Task<CreatedTokenDto> CreateAsync(ClaimsPrincipal user, CreateTokenRequest request, CancellationToken ct)
    {
        var userId = Access.DemandPerson(user);

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > Validation.NameMaxLength)
        {
            errors["name"] = [$"Name the token (at most {Validation.NameMaxLength} characters), e.g. the device or integration it is for."];
        }

        if (!Enum.IsDefined(request.Role))
        {
            errors["role"] = [Validation.ChooseOneOf<SiteRole>()];
        }

        if (request.ExpiresInDays is < 1 or > MaxExpiryDays)
        {
            errors["expiresInDays"] = [$"Give 1 to {MaxExpiryDays} days, or none for a token that does not expire."];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.EnsureSiteExistsAsync(request.SiteId, ct);
        if (!user.IsSystemAdmin() && !user.RolesAt(request.SiteId).Contains(request.Role))
        {
            throw new ForbiddenException("You can only make a token for a role you hold at that site.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var (token, secret) = AccessToken.Create(userId, request.SiteId, request.Role, request.Name!.Trim(), now,
            request.ExpiresInDays is { } days ? now.AddDays(days) : null);
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return new CreatedTokenDto(token.ToDto(), secret);
    }

    public async Task<TokenDto> RevokeAsync(ClaimsPrincipal user, Guid tokenId, CancellationToken ct)
    {
        var userId = Access.DemandSignedIn(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.Id == tokenId, ct);
        if (token is null || (token.UserId != userId && !user.IsSystemAdmin()))
        {
            throw new NotFoundException("Token", tokenId);
        }

        if (token.Revoke(clock.GetUtcNow().UtcDateTime))
        {
            await db.SaveChangesAsync(ct);
            connections.AbortAll(token.UserId);
        }

        return token.ToDto();
    }
}
