using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Reception.Dashboard.Features.Accounts;

/// <summary>Builds the cookie's principal from the database: the user's roles per site become claims.</summary>
public sealed class UserClaimsFactory(UserManager<User> users, IOptions<IdentityOptions> options, IDbContextFactory<ReceptionDbContext> dbFactory)
    : UserClaimsPrincipalFactory<User>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(User user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ReceptionClaims.DisplayName, user.DisplayName));
        if (user.SystemAdmin)
        {
            identity.AddClaim(new Claim(ReceptionClaims.SystemAdmin, "true"));
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var roles = await db.UserSiteRoles.AsNoTracking().Where(r => r.UserId == user.Id).ToListAsync();
        identity.AddClaims(roles.Select(r => ReceptionClaims.ForSiteRole(r.SiteId, r.Role)));
        return identity;
    }
}
