namespace Reception.Dashboard.Features.Accounts;

/// <summary>What can be done at a site. Endpoints, hub methods, pages and services all ask for one of these.</summary>
public enum Permission
{
    /// <summary>See the live board: the snapshot, the event stream, posts, shifts, departments.</summary>
    ViewBoard,
    /// <summary>
    /// Open the command board page, which watches the whole site at once. Its data is <see cref="ViewBoard"/>'s;
    /// a Guard, who also reads that data, works from their own post's page instead.
    /// </summary>
    WatchBoard,
    /// <summary>See staff records, which hold personal data.</summary>
    ViewStaff,
    /// <summary>See units and their owners and tenants, with contact details (desk §2.8: never beyond the desk).</summary>
    ViewResidents,
    /// <summary>Change the site's configuration: settings, posts, shifts, departments, staff.</summary>
    ManageSite,
    /// <summary>Give and take roles at the site, link staff to users.</summary>
    ManageRoles,
    /// <summary>Enrol guard phones for posts, and revoke them.</summary>
    ManagePhones,
    /// <summary>Pair wall screens with the site, and revoke them.</summary>
    ManageScreens,
    /// <summary>Announce, move, cancel, start and end visits; adjust their staffing plans.</summary>
    ManageVisits,
    /// <summary>Tick the checklist of one's own post and report its problems; a Guard reaches only their own post.</summary>
    TickOwnPost,
    /// <summary>Tick any post's checklist on a guard's behalf, and clear any post's problem.</summary>
    TickAnyPost,
    /// <summary>Compose the foreman's readiness report for a visit (§4.4.3).</summary>
    ReportReadiness,
    /// <summary>Acknowledge the foreman's readiness report (§4.4.3).</summary>
    AcknowledgeReport,
    /// <summary>Edit the site's visit checklist templates.</summary>
    EditChecklists,
    /// <summary>Mark a department's notice done, such as "water features on" (§4.5.3).</summary>
    CompleteNotices,
    /// <summary>
    /// Raise lobby incidents and move them at the desk: forward, resolve what the desk solved itself, close, reopen
    /// (desk §0.1). Who holds it sees and moves every incident at the site.
    /// </summary>
    RaiseIncidents,
    /// <summary>See lobby incidents: every one at the site with <see cref="RaiseIncidents"/>, else only those forwarded to one's own department.</summary>
    ViewIncidents,
    /// <summary>Take an incident forwarded to a department and resolve it with what was done; a Department only its own department's.</summary>
    HandleForwardedIncidents,
    /// <summary>Read the name and phone of an incident's person (desk §2.8); a Department reads them only on incidents forwarded to it.</summary>
    SeeIncidentPeople,
    /// <summary>
    /// Acknowledge any escalation of a lobby incident, which stops the board's sound (desk §2.7, §2.9). The person it
    /// went to acknowledges their own without it: that is decided per escalation, in the use case.
    /// </summary>
    AcknowledgeEscalations,
    /// <summary>Set the site's incident time limits, past which an incident escalates by itself.</summary>
    ManageIncidentLimits,
    /// <summary>
    /// Open the escalations inbox: the roles an escalation may reach (the desk's shift lead is a FrontDesk or Foreman
    /// person rostered as foreman at a front-desk post, desk §2.7) and those who act on any. What it lists is decided
    /// per escalation: the people it went to, or all of them for <see cref="AcknowledgeEscalations"/>.
    /// </summary>
    ReadEscalations,
    /// <summary>
    /// Open the site settings page. Each of its sections asks for its own permission; this is held by every role that
    /// holds one of them (<see cref="ManageSite"/>, <see cref="ManageIncidentLimits"/>), so nobody is led to an empty page.
    /// </summary>
    OpenSiteSettings,
}

/// <summary>The one table of which role grants which permission. System administrators hold every permission everywhere.</summary>
public static class Permissions
{
    private static readonly SiteRole[] Everyone = Enum.GetValues<SiteRole>();

    private static readonly Dictionary<Permission, SiteRole[]> Table = new()
    {
        [Permission.ViewBoard] = Everyone,
        [Permission.WatchBoard] = [SiteRole.Admin, SiteRole.Manager, SiteRole.Supervisor, SiteRole.CommandCenter, SiteRole.Foreman, SiteRole.FrontDesk, SiteRole.Department],
        [Permission.ViewStaff] = [SiteRole.Admin, SiteRole.Manager, SiteRole.Supervisor, SiteRole.CommandCenter, SiteRole.Foreman, SiteRole.FrontDesk],
        [Permission.ViewResidents] = [SiteRole.Admin, SiteRole.FrontDesk, SiteRole.Supervisor, SiteRole.Manager],
        [Permission.ManageSite] = [SiteRole.Admin],
        [Permission.ManageRoles] = [SiteRole.Admin],
        [Permission.ManagePhones] = [SiteRole.Admin, SiteRole.Manager, SiteRole.Supervisor, SiteRole.Foreman],
        [Permission.ManageScreens] = [SiteRole.Admin, SiteRole.Manager],
        [Permission.ManageVisits] = [SiteRole.Admin, SiteRole.Manager, SiteRole.CommandCenter],
        [Permission.TickOwnPost] = [SiteRole.Admin, SiteRole.Manager, SiteRole.CommandCenter, SiteRole.Foreman, SiteRole.Guard],
        [Permission.TickAnyPost] = [SiteRole.Admin, SiteRole.Manager, SiteRole.CommandCenter, SiteRole.Foreman],
        [Permission.ReportReadiness] = [SiteRole.Admin, SiteRole.CommandCenter, SiteRole.Foreman],
        [Permission.AcknowledgeReport] = [SiteRole.Admin, SiteRole.Manager],
        [Permission.EditChecklists] = [SiteRole.Admin, SiteRole.Manager],
        [Permission.CompleteNotices] = [SiteRole.Admin, SiteRole.Manager, SiteRole.CommandCenter, SiteRole.Department],
        [Permission.RaiseIncidents] = [SiteRole.Admin, SiteRole.Manager, SiteRole.Supervisor, SiteRole.CommandCenter, SiteRole.FrontDesk],
        [Permission.ViewIncidents] = [SiteRole.Admin, SiteRole.Manager, SiteRole.Supervisor, SiteRole.CommandCenter, SiteRole.FrontDesk, SiteRole.Department],
        [Permission.HandleForwardedIncidents] = [SiteRole.Admin, SiteRole.Manager, SiteRole.Supervisor, SiteRole.Department],
        [Permission.SeeIncidentPeople] = [SiteRole.Admin, SiteRole.Manager, SiteRole.Supervisor, SiteRole.FrontDesk],
        [Permission.AcknowledgeEscalations] = [SiteRole.Admin, SiteRole.Manager, SiteRole.Supervisor],
        [Permission.ManageIncidentLimits] = [SiteRole.Admin, SiteRole.Manager],
        // Not a Guard or a Department, whose work is elsewhere, nor the command center, whose board shows every escalation; never a device.
        [Permission.ReadEscalations] = [SiteRole.Admin, SiteRole.Manager, SiteRole.Supervisor, SiteRole.Foreman, SiteRole.FrontDesk],
        [Permission.OpenSiteSettings] = [SiteRole.Admin, SiteRole.Manager],
    };

    public static bool Grants(SiteRole role, Permission permission) => Table[permission].Contains(role);
}
