using Reception.Dashboard.Components.Pages;
using Reception.Dashboard.Features.Accounts.Pages;
using Reception.Dashboard.Features.Admin;
using Reception.Dashboard.Features.Board;
using Reception.Dashboard.Features.Desk;
using Reception.Dashboard.Features.Devices;
using Reception.Dashboard.Features.Guard;
using Reception.Dashboard.Features.Incidents;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Features.Wall;

namespace Reception.Dashboard.Components.Layout;

/// <summary>One link of the app bar.</summary>
/// <param name="Id">Names the link for tests: data-testid="nav-{Id}".</param>
/// <param name="Href">Where it goes; a page about one site goes to its picker, which opens the one site straight away.</param>
/// <param name="Page">The page the link opens, whose policy <paramref name="Permission"/> must agree with.</param>
/// <param name="Permission">What the person must hold to be offered the link; null for every signed-in person.</param>
/// <param name="PersonOnly">Only for a person signed in with their password: a guard phone's PIN session is refused these pages.</param>
public sealed record MenuEntry(string Id, string Href, string TextKey, Type Page, Permission? Permission, string? Target = null, bool PersonOnly = false);

/// <summary>
/// The app bar's links. A person is offered only the pages that open for them at the site they are
/// looking at (at any of their sites when the page is about none): a guard sees 我的岗位, not the board.
/// </summary>
public static class AppMenu
{
    /// <summary>Each entry's permission is its page's policy (a test holds them together), save where noted.</summary>
    public static readonly IReadOnlyList<MenuEntry> Entries =
    [
        new("home", "/", "Nav.Home", typeof(Home), null),
        new("board", "/board", "Nav.Board", typeof(BoardPage), Permission.WatchBoard),
        new("desk", "/desk", "Nav.Desk", typeof(DeskPage), Permission.ViewResidents),
        new("queue", "/incidents/mine", "Nav.Queue", typeof(DepartmentQueuePage), Permission.HandleForwardedIncidents),
        // For everyone an escalation may reach, the desk's shift lead among them (desk §2.7); the page lists each their own.
        new("escalations", "/incidents/escalations", "Nav.Escalations", typeof(EscalationInboxPage), Permission.ReadEscalations),
        new("guard", "/guard", "Nav.Guard", typeof(GuardPage), Permission.TickOwnPost),
        // Narrower than its page, which must open for a paired screen that may only read the board. People read
        // the wall on the screen itself; the preview here is for those who pair screens, the manager and Admin.
        new("wall", "/wall", "Nav.Wall", typeof(WallPage), Permission.ManageScreens, "_blank"),
        new("devices", "/devices", "Nav.Devices", typeof(DevicesPage), Permission.ManagePhones),
        // A manager sets the incident time limits here without administering the site.
        new("settings", "/admin/site", "Nav.Settings", typeof(SiteSettingsPage), Permission.OpenSiteSettings),
        new("admin", "/admin", "Nav.Admin", typeof(AdminHomePage), Permission.ManageSite),
        new("accounts", "/admin/users", "Nav.Accounts", typeof(UsersPage), Permission.ManageRoles),
        // A guard phone's PIN session may not make tokens, set the PIN or change the password: the person does, signed in with it.
        new("tokens", "/account/tokens", "Nav.Tokens", typeof(TokensPage), null, PersonOnly: true),
        new("pin", "/account/pin", "Nav.Pin", typeof(PinPage), null, PersonOnly: true),
        new("account", "/account/password", "Nav.Account", typeof(ChangePasswordPage), null, PersonOnly: true),
    ];

    /// <summary>The entries offered to <paramref name="user"/> on the page at <paramref name="relativePath"/> ("sites/{id}/board?…").</summary>
    public static IEnumerable<MenuEntry> For(ClaimsPrincipal user, string relativePath)
    {
        var site = SiteOf(relativePath);
        return Entries.Where(e => (e.Permission is not { } permission
                || (site is { } siteId ? Access.Allows(user, siteId, permission) : Access.AllowsAnywhere(user, permission)))
            && (!e.PersonOnly || user.DeviceIdOf() is null));
    }

    /// <summary>The site a page is about: the id after "sites/" at the start of its path.</summary>
    public static Guid? SiteOf(string relativePath)
    {
        var segments = relativePath.Split('/', '?', '#');
        return segments is ["sites", var id, ..] && Guid.TryParse(id, out var siteId) ? siteId : null;
    }
}
