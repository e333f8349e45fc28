namespace Reception.Dashboard.Features.Accounts;

/// <summary>
/// Where a person lands after signing in: the page of their own work, not everyone's command board.
/// A guard lands on 我的岗位, the front desk and its supervisor on the desk, a department on the incidents forwarded to
/// it, a site's Admin on its administration and the other roles on the board. Several roles: the most capable one
/// decides. The same page at several sites: that page's site picker. A system administrator with no role at a site:
/// the site list.
/// </summary>
public static class Landing
{
    // Most capable first. Each role's page is what follows /sites/{id}/, and /… is its site picker.
    private static readonly (SiteRole Role, string Page)[] MostCapableFirst =
    [
        (SiteRole.Admin, "admin"),
        (SiteRole.Manager, "board"),
        (SiteRole.CommandCenter, "board"),
        // The front desk's supervisor (客服主管) settles its handovers and escalations: their work is at the desk.
        (SiteRole.Supervisor, "desk"),
        (SiteRole.Foreman, "board"),
        (SiteRole.FrontDesk, "desk"),
        // A department's work is what the desk forwarded to it (desk §0.1, §4.5), often read on a phone.
        (SiteRole.Department, "incidents/mine"),
        (SiteRole.Guard, "guard"),
    ];

    /// <summary>The page of a role: "admin", "board", "desk", "guard" or "incidents/mine".</summary>
    public static string PageOf(SiteRole role) => MostCapableFirst.First(r => r.Role == role).Page;

    /// <summary>The local URL <paramref name="user"/> lands on when nothing asked for another.</summary>
    public static string For(ClaimsPrincipal user)
    {
        var held = user.SiteRoles().ToList();
        var page = MostCapableFirst.Where(r => held.Any(h => h.Role == r.Role)).Select(r => r.Page).FirstOrDefault();
        if (page is null)
        {
            // The board's picker says that there is no site to show, and who can give a role.
            return user.IsSystemAdmin() ? "/admin" : "/board";
        }

        var sites = held.Where(h => PageOf(h.Role) == page).Select(h => h.SiteId).Distinct().ToList();
        return sites.Count == 1 ? $"/sites/{sites[0]}/{page}" : $"/{page}";
    }
}
