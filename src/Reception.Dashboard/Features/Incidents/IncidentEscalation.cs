using Reception.Dashboard.Features.Roster;

namespace Reception.Dashboard.Features.Incidents;

/// <summary>
/// An incident sent up to someone on duty: by the desk at once (desk §2.7, §2.9), or by itself past a time limit.
/// It names whom it went to as they were then (ids, to know who may acknowledge it and read the person, desk §2.8;
/// names, as history), and stays open until its addressee, or any supervisor or manager, acknowledges it. Kept
/// after that as history.
/// </summary>
public sealed class IncidentEscalation : ISiteOwned
{
    /// <summary>Between ids and between names: neither a Guid nor a display name holds one.</summary>
    private const char Separator = '\n';

    public const int DutyMaxLength = 16;
    public const int AddresseeIdsMaxLength = DutyResolver.MaxPeople * 37;
    public const int AddresseeNamesMaxLength = DutyResolver.MaxPeople * (Validation.NameMaxLength + 1);

    private IncidentEscalation()
    {
    }

    public Guid Id { get; private set; }
    public Guid SiteId { get; private set; }
    public Guid IncidentId { get; private set; }
    public EscalationReason Reason { get; private set; }

    /// <summary>The duty that answered, as the API writes it: "shiftLead", "supervisor", "manager".</summary>
    public string Duty { get; private set; } = "";

    /// <summary>The addressees' account ids, each followed by <see cref="Separator"/>: a plain column SQLite searches with one LIKE.</summary>
    public string AddresseeIds { get; private set; } = "";

    /// <summary>The addressees' display names then, one a line.</summary>
    public string AddresseeNames { get; private set; } = "";

    public DateTime At { get; private set; }
    public DateTime? AcknowledgedAt { get; private set; }
    public string? AcknowledgedByKind { get; private set; }
    public string? AcknowledgedById { get; private set; }
    public string? AcknowledgedByName { get; private set; }

    public static IncidentEscalation Raise(Incident incident, EscalationReason reason, DutyAddressees to, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        SiteId = incident.SiteId,
        IncidentId = incident.Id,
        Reason = reason,
        Duty = to.DutyName,
        AddresseeIds = string.Concat(to.People.Select(p => IdToken(p.UserId))),
        AddresseeNames = string.Join(Separator, to.People.Select(p => p.Name)),
        At = now,
    };

    /// <summary>How an addressee's id stands in <see cref="AddresseeIds"/>, to search for it.</summary>
    public static string IdToken(Guid userId) => $"{userId:D}{Separator}";

    public IReadOnlyList<string> Addressees => AddresseeNames.Length == 0 ? [] : AddresseeNames.Split(Separator);

    public bool IsAddressedTo(Guid userId) => AddresseeIds.Contains(IdToken(userId), StringComparison.Ordinal);

    /// <returns>Whether it changed: acknowledging an acknowledged one changes nothing and answers the same.</returns>
    public bool Acknowledge(IncidentActor by, DateTime now)
    {
        if (AcknowledgedAt is not null)
        {
            return false;
        }

        AcknowledgedAt = now;
        (AcknowledgedByKind, AcknowledgedById, AcknowledgedByName) = (by.Kind, by.Id, by.Name);
        return true;
    }

    /// <summary>Moves its times with its demo incident's, so the demo's escalation keeps its age across restarts.</summary>
    public void MoveInTime(TimeSpan by)
    {
        At += by;
        AcknowledgedAt += by;
    }

    public IncidentEscalationDto ToDto() => new(
        Id, IncidentId, Reason, Duty, Addressees, At, AcknowledgedAt,
        AcknowledgedById is null ? null : AcknowledgedByName ?? IncidentText.Get("Actor.System"));

    /// <summary>Ids only (desk §2.8): whom it went to is read through the API.</summary>
    public IncidentEscalationChanged ToEvent() => new(IncidentId, Id, Reason, Duty, AcknowledgedAt is not null);
}

public sealed class IncidentEscalationConfiguration : IEntityTypeConfiguration<IncidentEscalation>
{
    public void Configure(EntityTypeBuilder<IncidentEscalation> builder)
    {
        builder.Property(e => e.Reason).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Duty).HasMaxLength(IncidentEscalation.DutyMaxLength);
        builder.Property(e => e.AddresseeIds).HasMaxLength(IncidentEscalation.AddresseeIdsMaxLength);
        builder.Property(e => e.AddresseeNames).HasMaxLength(IncidentEscalation.AddresseeNamesMaxLength);
        // Actors as the event log records them (StoredEvent's ActorKind and ActorId).
        builder.Property(e => e.AcknowledgedByKind).HasMaxLength(16);
        builder.Property(e => e.AcknowledgedById).HasMaxLength(64);
        builder.Property(e => e.AcknowledgedByName).HasMaxLength(Validation.NameMaxLength);
        builder.Ignore(e => e.Addressees);
        // The inbox and the wall read a site's open ones; an incident's page its own.
        builder.HasIndex(e => new { e.SiteId, e.AcknowledgedAt });
        builder.HasIndex(e => e.IncidentId);
        builder.HasOne<Site>().WithMany().HasForeignKey(e => e.SiteId);
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
