using System.Text.Json;

namespace Reception.Dashboard.Features.Roster;

/// <summary>A duty that something goes up to: an escalation now, a handover later.</summary>
public enum Duty
{
    /// <summary>The front desk's shift lead (领班): the foreman rostered at a front-desk post (desk §2.7).</summary>
    ShiftLead = 1,
    /// <summary>The supervisor on duty (当值主管 / 客服主管, desk §2.9).</summary>
    Supervisor,
    /// <summary>The managers (经理): held as a role, never rostered, so never asked for; reached when a site has no supervisor.</summary>
    Manager,
}

/// <summary>Someone a duty reached: their account and its display name.</summary>
public sealed record DutyHolder(Guid UserId, string Name);

/// <summary>
/// Whom a duty reached now: the duty that answered (a shift lead's falls back to the supervisor's, a site without
/// supervisors to its managers) and its people, by name. <see cref="People"/> is empty only at a site with nobody in
/// any of those roles; any Supervisor or Manager may still act on what was sent.
/// </summary>
public sealed record DutyAddressees(Duty Duty, IReadOnlyList<DutyHolder> People)
{
    /// <summary>The duty as the API writes it: "shiftLead", "supervisor", "manager".</summary>
    public string DutyName => JsonNamingPolicy.CamelCase.ConvertName(Duty.ToString());
}

/// <summary>
/// The product's one answer to "who is on duty now for this duty at this site". The addressee is the person rostered
/// for that duty on a shift running now (shifts across midnight read in the site's time zone, as the roster does)
/// whose staff record is linked to an account; if nobody is, every holder of the duty's role at the site. Each step
/// falls through to the next when it reaches nobody: the foreman rostered at a front-desk post (the shift lead), the
/// supervisor on duty, every Supervisor at the site, every Manager there. Disabled accounts, accounts that hold no role
/// at the site and inactive staff records are nobody.
/// </summary>
public static class DutyResolver
{
    /// <summary>More than anyone needs to read: a site with more role holders names the first of them.</summary>
    public const int MaxPeople = 20;

    /// <summary>
    /// Reads inside the caller's context, so a write can resolve and record in one transaction. Ask for
    /// <see cref="Duty.ShiftLead"/> or <see cref="Duty.Supervisor"/>: managers are not rostered, so nothing asks for
    /// them by duty; they are where the chain ends.
    /// </summary>
    public static async Task<DutyAddressees> ResolveAsync(ReceptionDbContext db, Guid siteId, Duty duty, DateTime atUtc, CancellationToken ct)
    {
        if (duty is not (Duty.ShiftLead or Duty.Supervisor))
        {
            throw new ArgumentOutOfRangeException(nameof(duty), duty, "Managers are reached only when no supervisor is.");
        }

        var rostered = await RosteredNowAsync(db, siteId, atUtc, ct);
        if (duty == Duty.ShiftLead)
        {
            var frontDesks = await db.Posts.AsNoTracking().Where(p => p.SiteId == siteId && p.Kind == PostKind.FrontDesk).Select(p => p.Id).ToListAsync(ct);
            var leads = await PeopleAsync(db, siteId,
                rostered.Where(r => r.Duty == DutyKind.Foreman && r.PostId is { } post && frontDesks.Contains(post)).Select(r => r.UserId).ToList(), ct);
            if (leads.Count > 0)
            {
                return new DutyAddressees(Duty.ShiftLead, leads);
            }
        }

        var onDuty = await PeopleAsync(db, siteId, rostered.Where(r => r.Duty == DutyKind.Supervisor).Select(r => r.UserId).ToList(), ct);
        if (onDuty.Count > 0)
        {
            return new DutyAddressees(Duty.Supervisor, onDuty);
        }

        var supervisors = await HoldersAsync(db, siteId, SiteRole.Supervisor, ct);
        return supervisors.Count > 0
            ? new DutyAddressees(Duty.Supervisor, supervisors)
            : new DutyAddressees(Duty.Manager, await HoldersAsync(db, siteId, SiteRole.Manager, ct));
    }

    private sealed record Rostered(DutyKind Duty, Guid? PostId, Guid UserId);

    /// <summary>The roster entries of the shifts running at <paramref name="atUtc"/> whose staff record is active and linked to an account.</summary>
    private static async Task<List<Rostered>> RosteredNowAsync(ReceptionDbContext db, Guid siteId, DateTime atUtc, CancellationToken ct)
    {
        var running = await RunningShifts.AtAsync(db, siteId, atUtc, ct);
        if (running.Count == 0)
        {
            return [];
        }

        var shiftIds = running.Select(r => r.Shift.Id).ToList();
        var (first, last) = (running.Min(r => r.Date), running.Max(r => r.Date));
        var entries = await (
                from entry in db.Roster.AsNoTracking()
                join staff in db.Staff.AsNoTracking() on entry.StaffId equals staff.Id
                where entry.SiteId == siteId && shiftIds.Contains(entry.ShiftId) && entry.Date >= first && entry.Date <= last
                    && staff.Active && staff.UserId != null
                select new { entry.ShiftId, entry.Date, entry.Duty, PostId = entry.PostId ?? staff.PostId, staff.UserId })
            .ToListAsync(ct);
        return entries
            .Where(e => running.Any(r => r.Shift.Id == e.ShiftId && r.Date == e.Date))
            .Select(e => new Rostered(e.Duty, e.PostId, e.UserId!.Value))
            .ToList();
    }

    private static async Task<IReadOnlyList<DutyHolder>> HoldersAsync(ReceptionDbContext db, Guid siteId, SiteRole role, CancellationToken ct)
    {
        var userIds = await db.UserSiteRoles.AsNoTracking().Where(r => r.SiteId == siteId && r.Role == role).Select(r => r.UserId).ToListAsync(ct);
        return await PeopleAsync(db, siteId, userIds, ct);
    }

    /// <summary>
    /// The people among <paramref name="userIds"/> who can act at the site: enabled accounts holding a role there, by
    /// their display name (the user name when it has none). A rostered person whose account was disabled, or lost its
    /// roles here, is nobody, so the caller falls through to the next step.
    /// </summary>
    private static async Task<IReadOnlyList<DutyHolder>> PeopleAsync(ReceptionDbContext db, Guid siteId, IReadOnlyCollection<Guid> userIds, CancellationToken ct)
    {
        if (userIds.Count == 0)
        {
            return [];
        }

        var ids = userIds.Distinct().ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id) && !u.Disabled && db.UserSiteRoles.Any(r => r.UserId == u.Id && r.SiteId == siteId))
            .Select(u => new { u.Id, u.DisplayName, u.UserName })
            .ToListAsync(ct);
        return users
            .Select(u => new DutyHolder(u.Id, string.IsNullOrWhiteSpace(u.DisplayName) ? u.UserName ?? "" : u.DisplayName))
            .OrderBy(h => h.Name, StringComparer.Ordinal)
            .Take(MaxPeople)
            .ToList();
    }
}
