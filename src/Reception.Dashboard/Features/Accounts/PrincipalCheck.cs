using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Data;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Whether a principal issued earlier still stands: same security stamp, not disabled, token not
/// revoked, and the phone it signed in on (or the wall screen it is) not revoked.
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

        return principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType) == user.SecurityStamp;
    }
}
