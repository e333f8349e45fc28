using Reception.Dashboard.Features.Units;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// A lobby incident the front desk took (DOMAIN §3): a complaint, a repair or help request (desk §0.1), a special
/// situation in the lobby (desk §2.9). Open → resolved by the desk when it can, or forwarded to the department that
/// handles it (desk §0.1, §4.5: promptly) → taken → resolved with what was done → closed by the desk once it told the
/// person. A resolved or closed one is reopened with a reason: it is open again and must be forwarded and taken
/// afresh, but keeps the department it last went to (so the desk can send it there again) and the last resolution.
/// Each move is a method; a move the state does not allow is refused with a 409 worded for a person.
/// The person's name and phone are personal data (desk §2.8): never in an event, read only as
/// <see cref="IncidentScope"/> allows.
/// </summary>
public sealed class Incident : VersionedEntity, ISiteOwned
{
    public const int TextMaxLength = 1000;
    public const int LocationMaxLength = 100;
    public const int ReasonMaxLength = 500;
    public const int UnitNumberMaxLength = Unit.BuildingMaxLength + 1 + Unit.RoomMaxLength;

    private Incident()
    {
    }

    public Guid Id { get; private set; }
    public Guid SiteId { get; private set; }
    public IncidentKind Kind { get; private set; }
    public IncidentPriority Priority { get; private set; }
    public IncidentState State { get; private set; }
    public string Text { get; private set; } = "";
    public Guid? UnitId { get; private set; }

    /// <summary>The unit's building and room when it was raised, so lists, searches and events need no join.</summary>
    public string? UnitNumber { get; private set; }

    public string? PersonName { get; private set; }
    public string? PersonPhone { get; private set; }
    public string? Location { get; private set; }
    public Guid? DepartmentId { get; private set; }

    public DateTime RaisedAt { get; private set; }

    /// <summary>Who raised it, as events name their actor (kind and id), and their display name then.</summary>
    public string RaisedByKind { get; private set; } = "";
    public string RaisedById { get; private set; } = "";
    public string? RaisedByName { get; private set; }

    public DateTime? ForwardedAt { get; private set; }
    public DateTime? TakenAt { get; private set; }
    public string? TakenByKind { get; private set; }
    public string? TakenById { get; private set; }
    public string? TakenByName { get; private set; }
    public DateTime? ResolvedAt { get; private set; }
    public string? Resolution { get; private set; }
    public DateTime? ClosedAt { get; private set; }
    public DateTime? ReopenedAt { get; private set; }
    public string? ReopenReason { get; private set; }

    public static Incident Raise(Guid siteId, IncidentReport report, IncidentActor by, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        SiteId = siteId,
        Kind = report.Kind,
        Priority = report.Priority,
        State = IncidentState.Open,
        Text = report.Text,
        UnitId = report.UnitId,
        UnitNumber = report.UnitNumber,
        PersonName = report.PersonName,
        PersonPhone = report.PersonPhone,
        Location = report.Location,
        RaisedAt = now,
        RaisedByKind = by.Kind,
        RaisedById = by.Id,
        RaisedByName = by.Name,
    };

    /// <summary>To a department: from open, or from one department on to another before it was taken.</summary>
    public void Forward(Guid departmentId, string departmentName, DateTime now)
    {
        if (State == IncidentState.Forwarded && DepartmentId == departmentId)
        {
            throw new ConflictException(IncidentText.Get("AlreadyForwardedThere", departmentName));
        }

        if (State is not (IncidentState.Open or IncidentState.Forwarded))
        {
            throw Illegal("CannotForward");
        }

        State = IncidentState.Forwarded;
        DepartmentId = departmentId;
        ForwardedAt = now;
        Changed();
    }

    public void Take(IncidentActor by, DateTime now)
    {
        if (State != IncidentState.Forwarded)
        {
            throw Illegal("CannotTake");
        }

        State = IncidentState.Taken;
        TakenAt = now;
        (TakenByKind, TakenById, TakenByName) = (by.Kind, by.Id, by.Name);
        Changed();
    }

    /// <summary>
    /// An open one by the desk, which solved it itself (a question answered, help given): a note is optional.
    /// A taken one by the department, which says what it did.
    /// </summary>
    public void Resolve(string? resolution, DateTime now)
    {
        if (State == IncidentState.Forwarded)
        {
            throw new ConflictException(IncidentText.Get("ResolveNotTaken"));
        }

        if (State is not (IncidentState.Open or IncidentState.Taken))
        {
            throw Illegal("CannotResolve");
        }

        if (State == IncidentState.Taken && resolution is null)
        {
            throw RuleViolationException.For("resolution", IncidentText.Get("GiveResolution"));
        }

        State = IncidentState.Resolved;
        ResolvedAt = now;
        Resolution = resolution;
        Changed();
    }

    public void Close(DateTime now)
    {
        if (State != IncidentState.Resolved)
        {
            throw Illegal("CannotClose");
        }

        State = IncidentState.Closed;
        ClosedAt = now;
        Changed();
    }

    /// <summary>Open again: the moves after raising are undone, the department and the last resolution kept.</summary>
    public void Reopen(string reason, DateTime now)
    {
        if (State is not (IncidentState.Resolved or IncidentState.Closed))
        {
            throw Illegal("CannotReopen");
        }

        State = IncidentState.Open;
        ReopenedAt = now;
        ReopenReason = reason;
        ForwardedAt = null;
        TakenAt = null;
        TakenByKind = null;
        TakenById = null;
        TakenByName = null;
        ResolvedAt = null;
        ClosedAt = null;
        Changed();
    }

    /// <summary>
    /// Moves every time of the incident by <paramref name="by"/>, so the demo's incidents keep their ages across
    /// restarts. Nothing about the incident changes but when, so its version stays.
    /// </summary>
    public void MoveInTime(TimeSpan by)
    {
        RaisedAt += by;
        ForwardedAt += by;
        TakenAt += by;
        ResolvedAt += by;
        ClosedAt += by;
        ReopenedAt += by;
    }

    public IncidentChanged ToEvent() => new(Id, Kind, Priority, State, UnitNumber, DepartmentId, Version);

    private ConflictException Illegal(string key) =>
        new(IncidentText.Get(key, IncidentText.Get($"State.{State}")));
}

/// <summary>What the desk records when it raises an incident, trimmed and checked.</summary>
public sealed record IncidentReport(
    IncidentKind Kind, IncidentPriority Priority, string Text, Guid? UnitId, string? UnitNumber, string? PersonName, string? PersonPhone, string? Location);

/// <summary>Who raised or took an incident: the actor's kind and id, as events record them, and the display name at the time.</summary>
public sealed record IncidentActor(string Kind, string Id, string? Name)
{
    /// <summary>The system (the demo) has no display name; the mapping words it in the reader's language.</summary>
    public static IncidentActor Of(SiteCall call, Actor actor) => new(actor.Kind, actor.Id, call.User.FindFirstValue(ReceptionClaims.DisplayName));
}
