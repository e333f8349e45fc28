namespace Reception.Dashboard.Client.Contracts;

/// <summary>What someone does on a rostered shift.</summary>
public enum DutyKind
{
    /// <summary>At a post (their usual one unless the entry names another).</summary>
    Post = 1,
    /// <summary>The foreman on duty (当值领班).</summary>
    Foreman,
    /// <summary>The supervisor on duty (当值主任 / 客服主管).</summary>
    Supervisor,
}

/// <summary>One person on one shift on one date (the shift's start date, in the site's time zone).</summary>
public sealed record RosterEntryDto(Guid Id, Guid SiteId, DateOnly Date, Guid ShiftId, Guid StaffId, DutyKind Duty, Guid? PostId);

/// <summary>One person in a roster cell; <paramref name="PostId"/> overrides their usual post for that shift.</summary>
public sealed record RosterAssignment(Guid StaffId, DutyKind Duty, Guid? PostId);

/// <summary>Replaces everyone rostered on one shift on one date.</summary>
public sealed record SetRosterCell(IReadOnlyList<RosterAssignment>? Assignments);

/// <summary>Copies the previous week's roster into the week starting <paramref name="WeekStart"/>, filling only empty cells.</summary>
public sealed record CopyRosterWeek(DateOnly? WeekStart);

/// <summary>How many entries a copy added.</summary>
public sealed record RosterCopied(DateOnly WeekStart, int Added);

/// <summary>Who is on duty at an instant: the shift(s) covering it, with the date each shift started.</summary>
public sealed record OnDutyDto(DateTime At, IReadOnlyList<OnDutyShift> Shifts);

/// <summary>One shift running at the instant and who is on it.</summary>
public sealed record OnDutyShift(Guid ShiftId, ShiftKind Kind, DateOnly Date, IReadOnlyList<RosterEntryDto> Entries);

/// <summary>The roster cell for (date, shift) changed; read it through the API.</summary>
public sealed record RosterChanged(DateOnly Date, Guid ShiftId, int Count);

/// <summary>The signed-in person's own duty now: their shift and post, if they are rostered.</summary>
public sealed record MyDutyDto(bool Linked, ShiftKind? Shift, DutyKind? Duty, Guid? PostId, string? PostName);
