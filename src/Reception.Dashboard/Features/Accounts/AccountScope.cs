namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Which accounts an administrator may touch. A system administrator: every one. A site Admin: the
/// accounts that work only at sites they administer, never a system administrator, never one
/// without roles; so no site Admin can reach, sign out or take over an account that reaches
/// further than they do. Knowing an account's id (events name their actors) grants nothing.
/// </summary>
public static class AccountScope
{
    public static bool CanManage(ClaimsPrincipal actor, User target, IReadOnlyCollection<UserSiteRole> targetRoles) =>
        actor.IsSystemAdmin()
        || (!target.SystemAdmin && targetRoles.Count > 0 && targetRoles.All(r => Access.Allows(actor, r.SiteId, Permission.ManageRoles)));

    /// <summary>The account, if the actor may manage it; 404 when there is none, 403 when it reaches further.</summary>
    public static async Task<User> DemandManageableAsync(ReceptionDbContext db, ClaimsPrincipal actor, Guid userId, string field, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct)
            ?? throw RuleViolationException.For(field, AccountText.Get("Account.NoSuchUser"));
        var roles = await db.UserSiteRoles.AsNoTracking().Where(r => r.UserId == userId).ToListAsync(ct);
        return CanManage(actor, user, roles) ? user : throw OtherSites();
    }

    /// <summary>Only the roles at sites the actor administers: where else someone works is not their business.</summary>
    public static IEnumerable<UserSiteRole> VisibleTo(ClaimsPrincipal actor, IEnumerable<UserSiteRole> roles) =>
        actor.IsSystemAdmin() ? roles : roles.Where(r => Access.Allows(actor, r.SiteId, Permission.ManageRoles));

    public static ForbiddenException OtherSites() => new(AccountText.Get("Account.OtherSites"));
}
