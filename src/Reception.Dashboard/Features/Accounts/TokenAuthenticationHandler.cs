using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer rdt_…</c> (or <c>access_token</c> on the hub, where browsers
/// cannot set headers). The principal holds exactly the token's one role at its one site, and only
/// while the token is live, its user enabled, and the user still holds that role. The check is
/// remembered per token until anything it depends on is written (<see cref="AccessChanges"/>).
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<ReceptionDbContext> dbFactory,
    TokenCache cache,
    AccessChanges changes,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Token";
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public static string? SecretFrom(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        var query = request.Query["access_token"].ToString();
        return request.Path.StartsWithSegments("/hubs") && query.Length > 0 ? query : null;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var secret = SecretFrom(Request);
        if (secret is null)
        {
            return AuthenticateResult.NoResult();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var hash = AccessToken.Hash(secret);
        var found = cache.Find(hash, changes.Current, now) ?? await LoadAsync(hash, now);
        if (found is null || !found.Token.IsUsable(now))
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }

        if (found.Token.LastUsedAt is null || now - found.Token.LastUsedAt > LastUsedPrecision)
        {
            await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
            await db.AccessTokens.TagWith(AccessChangeInterceptor.LastUsedTag).Where(t => t.Id == found.Token.Id)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAt, now), Context.RequestAborted);
            found.Token.LastUsedAt = now;
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, found.User.Id.ToString()),
            new Claim(ClaimTypes.Name, found.User.UserName ?? ""),
            new Claim(ReceptionClaims.DisplayName, found.User.DisplayName),
            new Claim(ReceptionClaims.TokenId, found.Token.Id.ToString()),
            ReceptionClaims.ForSiteRole(found.Token.SiteId, found.Token.Role),
        ], SchemeName);
        // The expiry lets SignalR close a hub connection when its token runs out.
        var properties = new AuthenticationProperties { ExpiresUtc = found.Token.ExpiresAt is { } expires ? new DateTimeOffset(expires, TimeSpan.Zero) : null };
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, SchemeName));
    }

    /// <summary>The token and its user, if the token is known and its user may use it; remembered until access changes.</summary>
    private async Task<TokenCache.Entry?> LoadAsync(string hash, DateTime now)
    {
        // Read before the database: a change that lands meanwhile moves it, and the entry is then never used.
        var generation = changes.Current;
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var token = await db.AccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        if (token is null)
        {
            return null;
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        var holdsRole = await db.UserSiteRoles.AnyAsync(r => r.UserId == token.UserId && r.SiteId == token.SiteId && r.Role == token.Role, Context.RequestAborted);
        if (user is null || user.Disabled || (!holdsRole && !user.SystemAdmin))
        {
            return null;
        }

        var entry = new TokenCache.Entry(token, user, generation, now);
        if (token.IsUsable(now))
        {
            cache.Remember(hash, entry);
        }

        return entry;
    }
}
