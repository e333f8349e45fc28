namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// What the desk promised a person about an incident, and by when (desk §4.3: a question that cannot be answered now
/// gets a promise to reply later, and that promise must be kept). Pending → overdue when its time passes unkept (an
/// alert) → kept; pending or overdue → broken when the incident is closed without it being kept. What was promised may
/// name the person, so it never goes into an event (desk §2.8).
/// </summary>
public sealed class IncidentPromise : ISiteOwned
{
    public const int WhatMaxLength = 500;

    private IncidentPromise()
    {
    }

    public Guid Id { get; private set; }
    public Guid SiteId { get; private set; }
    public Guid IncidentId { get; private set; }
    public string What { get; private set; } = "";
    public DateTime DueAt { get; private set; }
    public PromiseState State { get; private set; }
    public DateTime MadeAt { get; private set; }

    /// <summary>Who made it, as events name their actor (kind and id), and their display name then.</summary>
    public string MadeByKind { get; private set; } = "";
    public string MadeById { get; private set; } = "";
    public string? MadeByName { get; private set; }

    public DateTime? KeptAt { get; private set; }
    public string? KeptByKind { get; private set; }
    public string? KeptById { get; private set; }
    public string? KeptByName { get; private set; }

    public static IncidentPromise Make(Guid siteId, Guid incidentId, string what, DateTime dueAt, IncidentActor by, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        SiteId = siteId,
        IncidentId = incidentId,
        What = what,
        DueAt = dueAt,
        State = PromiseState.Pending,
        MadeAt = now,
        MadeByKind = by.Kind,
        MadeById = by.Id,
        MadeByName = by.Name,
    };

    /// <summary>Kept, on time or late. A broken one cannot be kept any more.</summary>
    /// <returns>Whether it changed: keeping a kept promise again changes nothing and answers the same.</returns>
    public bool Keep(IncidentActor by, DateTime now)
    {
        if (State == PromiseState.Kept)
        {
            return false;
        }

        if (State == PromiseState.Broken)
        {
            throw new ConflictException(IncidentText.Get("Promise.CannotKeepBroken"));
        }

        State = PromiseState.Kept;
        KeptAt = now;
        (KeptByKind, KeptById, KeptByName) = (by.Kind, by.Id, by.Name);
        return true;
    }

    /// <summary>
    /// Shifts the promise in time with the demo incident it was made on (see Data/DemoIncidents): one that went
    /// overdue while the demo was stopped is pending again if its new time is still ahead.
    /// </summary>
    public void MoveInTime(TimeSpan by, DateTime now)
    {
        (DueAt, MadeAt) = (DueAt + by, MadeAt + by);
        if (State == PromiseState.Overdue && DueAt > now)
        {
            State = PromiseState.Pending;
        }
    }

    /// <returns>Whether it turned overdue: only a pending one whose time has come does.</returns>
    public bool TurnOverdue(DateTime now)
    {
        if (State != PromiseState.Pending || DueAt > now)
        {
            return false;
        }

        State = PromiseState.Overdue;
        return true;
    }

    /// <returns>Whether it broke: only one not yet kept (pending or overdue) does.</returns>
    public bool Break()
    {
        if (State is not (PromiseState.Pending or PromiseState.Overdue))
        {
            return false;
        }

        State = PromiseState.Broken;
        return true;
    }

    /// <summary>With the kind and unit of the incident it was made on, so a list of promises says which incident each is.</summary>
    public IncidentPromiseDto ToDto(string? unitNumber, IncidentKind kind) => new(Id, IncidentId, What, DueAt, State, MadeAt, KeptAt, unitNumber, kind);

    /// <summary>Ids, the time and the state: never what was promised (desk §2.8).</summary>
    public IncidentPromiseChanged ToEvent() => new(IncidentId, Id, DueAt, State);
}
