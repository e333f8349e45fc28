using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Authenticates <c>Authorization: Bearer rdt_…</c> (or <c>access_token</c> on the hub, where browsers
/// cannot set headers). The principal holds exactly the token's one role at its one site, and only
/// while the token is live, its user enabled, and the user still holds that role.
/// </summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<ReceptionDbContext> dbFactory,
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
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var hash = AccessToken.Hash(secret);
        var token = await db.AccessTokens.SingleOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        if (token is null || !token.IsUsable(now))
        {
            return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        var holdsRole = await db.UserSiteRoles.AnyAsync(r => r.UserId == token.UserId && r.SiteId == token.SiteId && r.Role == token.Role, Context.RequestAborted);
        if (user is null || user.Disabled || (!holdsRole && !user.SystemAdmin))
        {
            return AuthenticateResult.Fail("The token's user is disabled or no longer holds the token's role.");
        }

        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedPrecision)
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new Claim(ClaimTypes.Name, user.UserName ?? ""),
            new Claim(ReceptionClaims.DisplayName, user.DisplayName),
            new Claim(ReceptionClaims.TokenId, token.Id.ToString()),
            ReceptionClaims.ForSiteRole(token.SiteId, token.Role),
        ], SchemeName);
        // The expiry lets SignalR close a hub connection when its token runs out.
        var properties = new AuthenticationProperties { ExpiresUtc = token.ExpiresAt is { } expires ? new DateTimeOffset(expires, TimeSpan.Zero) : null };
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), properties, SchemeName));
    }
}
