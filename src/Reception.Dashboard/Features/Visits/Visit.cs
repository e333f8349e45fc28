using Reception.Dashboard.Features.Posts;

namespace Reception.Dashboard.Features.Visits;

/// <summary>
/// An announced visit (§4.1, §4.3) and its posts. The lifecycle is stored (planned → in progress →
/// ended, or cancelled); whether it is ready is derived from its posts, the clock and the report.
/// </summary>
public sealed class Visit : VersionedEntity
{
    public const int TitleMaxLength = 100;
    public const int NotesMaxLength = 1000;
    public const int ReasonMaxLength = 500;

    /// <summary>Posts must be staffed, dressed and in position this long before the arrival (§4.5.4, §4.5.5).</summary>
    public static readonly TimeSpan ReadyAhead = TimeSpan.FromMinutes(30);

    /// <summary>How long after it was marked a mistaken arrival can be taken back; later, the visit has really begun.</summary>
    public static readonly TimeSpan ArrivalUndoWindow = TimeSpan.FromMinutes(5);

    private Visit(Guid id, Guid siteId, string title, int level, DateTime arrival, string? host, string? notes, DateTime announcedAt)
    {
        Id = id;
        SiteId = siteId;
        Title = title;
        Level = level;
        Arrival = arrival;
        Host = host;
        Notes = notes;
        AnnouncedAt = announcedAt;
        Status = VisitStatus.Planned;
        ShortNotice = Deadline.IsShortNotice(arrival, announcedAt);
    }

    public Guid Id { get; private set; }
    public Guid SiteId { get; private set; }
    public string Title { get; private set; }
    public int Level { get; private set; }
    public DateTime Arrival { get; private set; }
    public string? Host { get; private set; }
    public string? Notes { get; private set; }
    public VisitStatus Status { get; private set; }

    /// <summary>Announced, or last moved, less than 30 minutes before the arrival: T-30 items are due at once.</summary>
    public bool ShortNotice { get; private set; }

    public DateTime AnnouncedAt { get; private set; }
    public DateTime? RescheduledAt { get; private set; }
    public string? CancelReason { get; private set; }
    public DateTime? ArrivedAt { get; private set; }
    public DateTime? EndedAt { get; private set; }

    /// <summary>When engineering was first told about this visit's water features (§4.5.3); kept when a move withdraws the notice.</summary>
    public DateTime? EngineeringToldAt { get; private set; }

    /// <summary>The foreman's report (§4.4.3): the figures when composed, and the manager's acknowledgement.</summary>
    public DateTime? ReportedAt { get; private set; }
    public string? ReportJson { get; private set; }
    public DateTime? ReportAcknowledgedAt { get; private set; }

    public List<VisitPost> Posts { get; private set; } = [];
    public List<VisitOrder> Orders { get; private set; } = [];
    public List<RouteViolation> Violations { get; private set; } = [];
    public List<VisitNotice> Notices { get; private set; } = [];

    public DateTime ReadyBy => Arrival - ReadyAhead;

    public static Visit Announce(Guid siteId, string title, int level, DateTime arrival, string? host, string? notes, DateTime now) =>
        new(Guid.CreateVersion7(), siteId, title, level, arrival, host, notes, now);

    /// <summary>Adds a post with its checklist; deadlines already passed <paramref name="now"/> are due at once.</summary>
    public VisitPost AddPost(Post post, bool onRoute, int routeOrder, IEnumerable<ChecklistTemplateItem> template, DateTime now)
    {
        EnsurePlanned();
        if (Posts.Any(p => p.PostId == post.Id))
        {
            throw new ConflictException(VisitText.Get("VisitPostTaken", post.Name));
        }

        var visitPost = new VisitPost(Id, post.Id, onRoute, routeOrder);
        foreach (var item in template.Where(t => t.AppliesTo(post.Kind, Level)))
        {
            visitPost.Items.Add(VisitItem.From(item, visitPost.Id, Arrival, now));
        }

        visitPost.Publish(now);
        Posts.Add(visitPost);
        Changed();
        return visitPost;
    }

    public VisitPost RemovePost(Guid postId, string postName)
    {
        EnsurePlanned();
        var visitPost = PostOf(postId);
        if (visitPost.OnRoute)
        {
            throw new ConflictException(VisitText.Get("VisitPostOnRoute", postName));
        }

        Posts.Remove(visitPost);
        Changed();
        return visitPost;
    }

    public VisitPost PostOf(Guid postId) =>
        Posts.SingleOrDefault(p => p.PostId == postId) ?? throw new NotFoundException(VisitText.Get("Entity.VisitPost"), postId);

    public void Reschedule(DateTime arrival, DateTime now)
    {
        EnsurePlanned();
        Arrival = arrival;
        RescheduledAt = now;
        ShortNotice = Deadline.IsShortNotice(arrival, now);
        foreach (var item in Posts.SelectMany(p => p.Items))
        {
            item.Reschedule(arrival, now);
        }

        Changed();
    }

    public void Cancel(string reason, DateTime now)
    {
        EnsurePlanned();
        Status = VisitStatus.Cancelled;
        CancelReason = reason;
        EndedAt = now;
        Changed();
    }

    public void MarkArrived(DateTime now)
    {
        EnsurePlanned();
        Status = VisitStatus.InProgress;
        ArrivedAt = now;
        Changed();
    }

    /// <summary>
    /// Takes back an arrival marked by mistake, within <see cref="ArrivalUndoWindow"/>: the visit is planned
    /// again for the arrival it had, which marking it arrived never changed.
    /// </summary>
    public void UndoArrival(DateTime now)
    {
        if (Status != VisitStatus.InProgress || ArrivedAt is not { } arrivedAt)
        {
            throw new ConflictException(VisitText.Get("ArrivalNotMarked", Title, VisitText.Get($"VisitStatus.{Status}")));
        }

        if (now - arrivedAt > ArrivalUndoWindow)
        {
            throw new ConflictException(VisitText.Get("ArrivalUndoTooLate", Title, (int)ArrivalUndoWindow.TotalMinutes));
        }

        Status = VisitStatus.Planned;
        ArrivedAt = null;
        Changed();
    }

    public void End(DateTime now)
    {
        if (Status != VisitStatus.InProgress)
        {
            throw new ConflictException(VisitText.Get("VisitNotInProgress", Title));
        }

        Status = VisitStatus.Ended;
        EndedAt = now;
        Changed();
    }

    /// <summary>Checklists, problems and reports change only while the visit is planned or under way.</summary>
    public void EnsureOpen()
    {
        if (Status is VisitStatus.Ended or VisitStatus.Cancelled)
        {
            throw new ConflictException(VisitText.Get("VisitClosed", Title, VisitText.Get($"VisitStatus.{Status}")));
        }
    }

    public void RecordReport(string reportJson, DateTime now)
    {
        EnsureOpen();
        ReportedAt = now;
        ReportJson = reportJson;
        ReportAcknowledgedAt = null;
        Changed();
    }

    /// <returns>Whether it was not acknowledged before.</returns>
    public bool AcknowledgeReport(DateTime now)
    {
        EnsureOpen();
        if (ReportedAt is null)
        {
            throw new ConflictException(VisitText.Get("VisitNoReport"));
        }

        if (ReportAcknowledgedAt is not null)
        {
            return false;
        }

        ReportAcknowledgedAt = now;
        Changed();
        return true;
    }

    public void EnsurePlanned()
    {
        if (Status != VisitStatus.Planned)
        {
            throw new ConflictException(VisitText.Get("VisitNotPlanned", Title, VisitText.Get($"VisitStatus.{Status}")));
        }
    }

    /// <summary>
    /// An order to the posts named, or to every post when <paramref name="postIds"/> is null (§4.4.2);
    /// unacknowledged by <paramref name="acknowledgeBy"/>, it stands out.
    /// </summary>
    public VisitOrder SendOrder(string text, IReadOnlyList<Guid>? postIds, DateTime now, DateTime acknowledgeBy)
    {
        EnsureOpen();
        var targets = postIds?.Distinct().ToList() ?? Posts.Select(p => p.PostId).ToList();
        if (targets.Count == 0 || targets.Any(id => Posts.All(p => p.PostId != id)))
        {
            throw RuleViolationException.For("postIds", VisitText.Get("PostNotInVisit"));
        }

        var order = VisitOrder.Send(Id, text, targets, now, acknowledgeBy);
        Orders.Add(order);
        return order;
    }

    /// <summary>A violation or outsider reported during the visit, at one of its posts or somewhere on the grounds.</summary>
    public RouteViolation ReportViolation(ViolationKind kind, string description, Guid? postId, string? location, string reportedBy, DateTime now)
    {
        EnsureOpen();
        if (postId is { } id && Posts.All(p => p.PostId != id))
        {
            throw RuleViolationException.For("postId", VisitText.Get("PostNotInVisit"));
        }

        var violation = RouteViolation.Report(Id, kind, description, postId, location, reportedBy, now);
        Violations.Add(violation);
        return violation;
    }

    /// <summary>Engineering is told to switch the water features on (§4.5.3); the first time is remembered even if the notice is withdrawn.</summary>
    public VisitNotice TellEngineering(Guid? outboundMessageId, DateTime now)
    {
        var notice = VisitNotice.Send(Id, VisitNotice.WaterFeatures, outboundMessageId, now);
        Notices.Add(notice);
        EngineeringToldAt ??= now;
        return notice;
    }

    /// <returns>The water-features notice withdrawn because the visit moved, if one was sent.</returns>
    public VisitNotice? WithdrawEngineeringNotice()
    {
        if (Notices.SingleOrDefault(n => n.Kind == VisitNotice.WaterFeatures) is not { } notice)
        {
            return null;
        }

        Notices.Remove(notice);
        return notice;
    }

    public VisitChanged ToEvent() => new(Id, Title, Level, Arrival, Status, ShortNotice, Version);
}
