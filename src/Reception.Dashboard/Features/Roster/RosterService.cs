using Reception.Dashboard.Features.Admin;

namespace Reception.Dashboard.Features.Roster;

/// <summary>The duty roster: who is on which shift on which date, and so who is on duty now. Leaders (supervisor, foreman) list first.</summary>
public sealed class RosterService(IDbContextFactory<ReceptionDbContext> dbFactory, SiteWriter writer, TimeProvider clock)
{
    public const int MaxDays = 31;
    public const int MaxPerCell = 100;

    // Dates outside these years are typing mistakes, and date arithmetic near the ends of the calendar would overflow.
    private static readonly DateOnly Earliest = new(2000, 1, 1);
    private static readonly DateOnly Latest = new(2100, 12, 31);

    public async Task<IReadOnlyList<RosterEntryDto>> ListAsync(SiteCall call, DateOnly from, int days)
    {
        call.Demand(Permission.ViewStaff);
        if (days is < 1 or > MaxDays)
        {
            throw RuleViolationException.For("days", AdminText.Get("Roster.Days", MaxDays));
        }

        EnsurePlausible("from", from);

        await using var db = await dbFactory.CreateDbContextAsync(call.Cancellation);
        await db.EnsureSiteExistsAsync(call.SiteId, call.Cancellation);
        var to = from.AddDays(days);
        var entries = await db.Roster.AsNoTracking()
            .Where(r => r.SiteId == call.SiteId && r.Date >= from && r.Date < to)
            .ToListAsync(call.Cancellation);
        return entries.OrderBy(r => r.Date).ThenBy(r => r.ShiftId).ThenByDescending(r => r.Duty).Select(r => r.ToDto()).ToList();
    }

    public Task<IReadOnlyList<RosterEntryDto>> SetCellAsync(SiteCall call, DateOnly date, Guid shiftId, SetRosterCell request)
    {
        var actor = call.Demand(Permission.ManageSite);
        EnsurePlausible("date", date);
        var assignments = request.Assignments ?? throw RuleViolationException.For("assignments", AdminText.Get("Roster.GiveAssignments"));
        CheckShape(assignments);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        return writer.WriteAsync(call, actor, $"roster.set:{siteId}:{date:yyyy-MM-dd}:{shiftId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            if (!await db.Shifts.AnyAsync(s => s.SiteId == siteId && s.Id == shiftId, ct))
            {
                throw new NotFoundException(AdminText.Get("Entity.Shift"), shiftId);
            }

            await CheckReferencesAsync(db, siteId, assignments, ct);
            var current = await db.Roster.Where(r => r.SiteId == siteId && r.Date == date && r.ShiftId == shiftId).ToListAsync(ct);
            var same = current.Count == assignments.Count
                && current.All(c => assignments.Contains(new RosterAssignment(c.StaffId, c.Duty, c.PostId)));
            if (!same)
            {
                db.Roster.RemoveRange(current);
                // The removal must reach the database before the inserts, or the unique index sees both.
                await db.SaveChangesAsync(ct);
                db.Roster.AddRange(assignments.Select(a => new RosterEntry
                {
                    Id = Guid.CreateVersion7(), SiteId = siteId, Date = date, ShiftId = shiftId, StaffId = a.StaffId, Duty = a.Duty, PostId = a.PostId,
                }));
                events.Add(EventTypes.RosterChanged, new RosterChanged(date, shiftId, assignments.Count));
            }

            var cell = same ? current : db.Roster.Local.Where(r => r.SiteId == siteId && r.Date == date && r.ShiftId == shiftId).ToList();
            return (IReadOnlyList<RosterEntryDto>)cell.OrderByDescending(r => r.Duty).Select(r => r.ToDto()).ToList();
        });
    }

    public Task<RosterCopied> CopyWeekAsync(SiteCall call, CopyRosterWeek request)
    {
        var actor = call.Demand(Permission.ManageSite);
        var weekStart = request.WeekStart ?? throw RuleViolationException.For("weekStart", AdminText.Get("Roster.GiveWeekStart"));
        EnsurePlausible("weekStart", weekStart);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        return writer.WriteAsync(call, actor, $"roster.copy:{siteId}", request, async (db, events) =>
        {
            await db.EnsureSiteExistsAsync(siteId, ct);
            var (from, to) = (weekStart.AddDays(-7), weekStart);
            var previous = await db.Roster.AsNoTracking().Where(r => r.SiteId == siteId && r.Date >= from && r.Date < to).ToListAsync(ct);
            var filled = (await db.Roster.AsNoTracking()
                    .Where(r => r.SiteId == siteId && r.Date >= to && r.Date < to.AddDays(7))
                    .Select(r => new { r.Date, r.ShiftId })
                    .ToListAsync(ct))
                .Select(c => (c.Date, c.ShiftId))
                .ToHashSet();

            // Only empty cells are filled: a week already being planned is never overwritten.
            var copies = previous
                .Where(r => !filled.Contains((r.Date.AddDays(7), r.ShiftId)))
                .Select(r => new RosterEntry
                {
                    Id = Guid.CreateVersion7(), SiteId = siteId, Date = r.Date.AddDays(7), ShiftId = r.ShiftId, StaffId = r.StaffId, Duty = r.Duty, PostId = r.PostId,
                })
                .ToList();
            db.Roster.AddRange(copies);
            foreach (var cell in copies.GroupBy(c => (c.Date, c.ShiftId)))
            {
                events.Add(EventTypes.RosterChanged, new RosterChanged(cell.Key.Date, cell.Key.ShiftId, cell.Count()));
            }

            return new RosterCopied(weekStart, copies.Count);
        });
    }

    /// <summary>Who is on duty at <paramref name="atUtc"/> (default now), by the site's clock and time zone.</summary>
    public async Task<OnDutyDto> OnDutyAsync(SiteCall call, DateTime? atUtc)
    {
        call.Demand(Permission.ViewBoard);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        // A time without an offset is read as UTC, never as the server's own zone.
        var at = atUtc is { } given
            ? given.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(given, DateTimeKind.Utc) : given.ToUniversalTime()
            : clock.GetUtcNow().UtcDateTime;
        EnsurePlausible("at", DateOnly.FromDateTime(at));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var result = new List<OnDutyShift>();
        foreach (var (shift, date) in (await RunningShifts.AtAsync(db, siteId, at, ct)).OrderBy(r => r.Shift.Kind))
        {
            var entries = await db.Roster.AsNoTracking().Where(r => r.SiteId == siteId && r.ShiftId == shift.Id && r.Date == date).ToListAsync(ct);
            result.Add(new OnDutyShift(shift.Id, shift.Kind, date, entries.OrderByDescending(r => r.Duty).Select(r => r.ToDto()).ToList()));
        }

        return new OnDutyDto(at, result);
    }

    /// <summary>
    /// The caller's own duty now, through the staff record linked to their account: the post on
    /// the roster entry, else their usual post. Nobody else's duty is revealed.
    /// </summary>
    public async Task<MyDutyDto> MyDutyAsync(SiteCall call)
    {
        call.Demand(Permission.ViewBoard);
        var userId = Access.DemandSignedIn(call.User);
        var (siteId, ct) = (call.SiteId, call.Cancellation);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.Staff.AsNoTracking().SingleOrDefaultAsync(s => s.SiteId == siteId && s.UserId == userId, ct);
        if (me is null)
        {
            return new MyDutyDto(Linked: false, null, null, null, null);
        }

        foreach (var (shift, date) in await RunningShifts.AtAsync(db, siteId, clock.GetUtcNow().UtcDateTime, ct))
        {
            var entry = await db.Roster.AsNoTracking().SingleOrDefaultAsync(r => r.SiteId == siteId && r.ShiftId == shift.Id && r.Date == date && r.StaffId == me.Id, ct);
            if (entry is not null)
            {
                var postId = entry.PostId ?? me.PostId;
                var postName = postId is null ? null : await db.Posts.Where(p => p.Id == postId).Select(p => p.Name).SingleOrDefaultAsync(ct);
                return new MyDutyDto(Linked: true, shift.Kind, entry.Duty, postId, postName);
            }
        }

        return new MyDutyDto(Linked: true, null, null, null, null);
    }

    private static void EnsurePlausible(string field, DateOnly date)
    {
        if (date < Earliest || date > Latest)
        {
            throw RuleViolationException.For(field, AdminText.Get("Roster.DateRange", Earliest.ToString("yyyy-MM-dd"), Latest.ToString("yyyy-MM-dd")));
        }
    }

    private static void CheckShape(IReadOnlyList<RosterAssignment> assignments)
    {
        var errors = new Dictionary<string, string[]>();
        if (assignments.Count > MaxPerCell)
        {
            errors["assignments"] = [AdminText.Get("Roster.TooMany", MaxPerCell)];
        }

        for (var i = 0; i < assignments.Count; i++)
        {
            // The contract's types cannot keep a null out of a JSON list.
            if (assignments[i] is null)
            {
                errors[$"assignments[{i}]"] = [AdminText.Get("Roster.GivePerson")];
            }
            else if (!Enum.IsDefined(assignments[i].Duty))
            {
                errors[$"assignments[{i}].duty"] = [Validation.ChooseOneOf<DutyKind>()];
            }
        }

        if (assignments.Where(a => a is not null).GroupBy(a => a.StaffId).Any(g => g.Count() > 1))
        {
            errors["assignments"] = [AdminText.Get("Roster.Repeated")];
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }

    private static async Task CheckReferencesAsync(ReceptionDbContext db, Guid siteId, IReadOnlyList<RosterAssignment> assignments, CancellationToken ct)
    {
        var staffIds = assignments.Select(a => a.StaffId).ToList();
        var postIds = assignments.Where(a => a.PostId is not null).Select(a => a.PostId!.Value).ToList();
        var knownStaff = await db.Staff.Where(s => s.SiteId == siteId && staffIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        var knownPosts = await db.Posts.Where(p => p.SiteId == siteId && postIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < assignments.Count; i++)
        {
            if (!knownStaff.Contains(assignments[i].StaffId))
            {
                errors[$"assignments[{i}].staffId"] = [AdminText.Get("Staff.NoSuch")];
            }

            if (assignments[i].PostId is { } postId && !knownPosts.Contains(postId))
            {
                errors[$"assignments[{i}].postId"] = [AdminText.Get("Posts.NoSuch")];
            }
        }

        if (errors.Count > 0)
        {
            throw new RuleViolationException(errors);
        }
    }
}
