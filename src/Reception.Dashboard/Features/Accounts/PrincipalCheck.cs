using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Whether a principal issued earlier still stands: same security stamp, not disabled, token not
/// revoked, its cookie's session not signed out, the phone it signed in on (or the wall screen it
/// is) not revoked, and a phone's guard still a Guard at the phone's site.
/// </summary>
public sealed class PrincipalCheck(IDbContextFactory<ReceptionDbContext> dbFactory, IOptions<IdentityOptions> options, TimeProvider clock)
{
    public async Task<bool> StillValidAsync(ClaimsPrincipal principal, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (principal.DeviceIdOf() is { } deviceId
            && !await db.Devices.AnyAsync(d => d.Id == deviceId && d.Status == DeviceStatus.Active, ct))
        {
            return false;
        }

        if (principal.UserId() is not { } userId)
        {
            return principal.DisplaySiteOf() is not null && principal.DeviceIdOf() is not null;
        }

        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.Disabled)
        {
            return false;
        }

        if (principal.TokenIdOf() is { } tokenId)
        {
            var token = await db.AccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tokenId, ct);
            return token is not null && token.IsUsable(clock.GetUtcNow().UtcDateTime);
        }

        if (principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType) != user.SecurityStamp)
        {
            return false;
        }

        // Every cookie names its session; one without (issued before sessions existed) signs in again.
        if (principal.SessionIdOf() is not { } sessionId
            || !await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId, ct))
        {
            return false;
        }

        if (principal.DeviceIdOf() is null)
        {
            return true;
        }

        // A phone session is a Guard's at the phone's site, and only while the person is one there.
        // The stamp changes with every role already; this holds even if a role row is changed by hand.
        var phoneSites = principal.SiteRoles().Where(r => r.Role == SiteRole.Guard).Select(r => r.SiteId).ToList();
        return phoneSites.Count == 1
            && await db.UserSiteRoles.AnyAsync(r => r.UserId == userId && r.SiteId == phoneSites[0] && r.Role == SiteRole.Guard, ct);
    }
}
