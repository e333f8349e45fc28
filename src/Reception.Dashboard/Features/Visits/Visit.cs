using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Reception.Dashboard.Client.Contracts;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Features.Sites;
using Reception.Dashboard.Infrastructure;

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
    public DateTime? EngineeringToldAt { get; set; }

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
            throw new ConflictException(ErrorText.Get("VisitPostTaken", post.Name));
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
            throw new ConflictException(ErrorText.Get("VisitPostOnRoute", postName));
        }

        Posts.Remove(visitPost);
        Changed();
        return visitPost;
    }

    public VisitPost PostOf(Guid postId) =>
        Posts.SingleOrDefault(p => p.PostId == postId) ?? throw new NotFoundException("VisitPost", postId);

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

    public void End(DateTime now)
    {
        if (Status != VisitStatus.InProgress)
        {
            throw new ConflictException(ErrorText.Get("VisitNotInProgress", Title));
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
            throw new ConflictException(ErrorText.Get("VisitClosed", Title, ErrorText.Get($"VisitStatus.{Status}")));
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
            throw new ConflictException(ErrorText.Get("VisitNoReport"));
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
            throw new ConflictException(ErrorText.Get("VisitNotPlanned", Title, ErrorText.Get($"VisitStatus.{Status}")));
        }
    }

    public VisitChanged ToEvent() => new(Id, Title, Level, Arrival, Status, ShortNotice, Version);
}

/// <summary>One post taking part in a visit: its place on the route, the staff named for it, its checklist, any problem reported.</summary>
public sealed class VisitPost
{
    public const int MaxStaff = 50;

    internal VisitPost(Guid visitId, Guid postId, bool onRoute, int routeOrder)
    {
        Id = Guid.CreateVersion7();
        VisitId = visitId;
        PostId = postId;
        OnRoute = onRoute;
        RouteOrder = routeOrder;
    }

    public Guid Id { get; private set; }
    public Guid VisitId { get; private set; }
    public Guid PostId { get; private set; }
    public bool OnRoute { get; private set; }

    /// <summary>Position on the designated route, for route posts; after the route for the others.</summary>
    public int RouteOrder { get; private set; }

    public string? Problem { get; private set; }
    public DateTime? ProblemAt { get; private set; }

    /// <summary>
    /// The readiness last announced on the event stream. Readiness itself is derived; this only lets every
    /// writer, the scheduler included, announce a change exactly once, however many items caused it.
    /// </summary>
    public ReadinessState PublishedState { get; private set; } = ReadinessState.Pending;

    /// <summary>Whether someone is at the post (§4.2.1).</summary>
    public PostPresence Presence { get; private set; } = PostPresence.Staffed;

    public string? LeaveReason { get; private set; }

    /// <summary>Who asked to leave, when the request came from a named staff member.</summary>
    public Guid? LeavingStaffId { get; private set; }

    /// <summary>
    /// Whether the plan has ever named staff here. From then on only the named act for the post, so a
    /// guard who left with approval does not get it back as their usual post.
    /// </summary>
    public bool StaffNamed { get; private set; }

    public List<VisitItem> Items { get; private set; } = [];
    public List<VisitStaff> Staff { get; private set; } = [];

    /// <returns>Whether the staff changed.</returns>
    public bool AssignStaff(IReadOnlyList<(Guid StaffId, ShiftKind? Shift, bool CalledIn)> staff)
    {
        var same = Staff.Count == staff.Count && Staff.All(s => staff.Any(n => n.StaffId == s.StaffId && n.CalledIn == s.CalledIn));
        if (same)
        {
            return false;
        }

        Staff.Clear();
        Staff.AddRange(staff.Select(s => new VisitStaff { Id = Guid.CreateVersion7(), VisitPostId = Id, StaffId = s.StaffId, Shift = s.Shift, CalledIn = s.CalledIn }));
        StaffNamed |= staff.Count > 0;
        return true;
    }

    /// <returns>Whether the problem changed.</returns>
    public bool ReportProblem(string reason, DateTime now)
    {
        if (Problem == reason)
        {
            return false;
        }

        (Problem, ProblemAt) = (reason, now);
        return true;
    }

    /// <returns>Whether there was a problem.</returns>
    public bool ClearProblem()
    {
        if (Problem is null)
        {
            return false;
        }

        (Problem, ProblemAt) = (null, null);
        return true;
    }

    public ReadinessState StateAt(DateTime now) => Readiness.Of(this, now);

    /// <summary>The guard asks to leave; they stay until a foreman decides (§4.2.1, as desk §2.2).</summary>
    /// <returns>Whether anything changed.</returns>
    public bool RequestLeave(string reason, Guid? staffId)
    {
        if (Presence == PostPresence.Empty)
        {
            throw new ConflictException(ErrorText.Get("PostAlreadyEmpty"));
        }

        if (Presence == PostPresence.LeaveRequested && LeavingStaffId != staffId)
        {
            throw new ConflictException(ErrorText.Get("LeaveAlreadyAsked"));
        }

        if (Presence == PostPresence.LeaveRequested && LeaveReason == reason)
        {
            return false;
        }

        (Presence, LeaveReason, LeavingStaffId) = (PostPresence.LeaveRequested, reason, staffId);
        return true;
    }

    /// <summary>A foreman's decision: approved with a replacement the post stays manned; without one it is left empty.</summary>
    public void DecideLeave(bool approve, (Guid StaffId, ShiftKind? Shift, bool CalledIn)? replacement)
    {
        if (Presence != PostPresence.LeaveRequested)
        {
            throw new ConflictException(ErrorText.Get("NoLeaveRequest"));
        }

        if (approve)
        {
            // The one who left no longer stands here, so no longer acts for this post.
            Staff.RemoveAll(s => s.StaffId == LeavingStaffId);
            StaffNamed = true;
            if (replacement is { } r && Staff.All(s => s.StaffId != r.StaffId))
            {
                Staff.Add(new VisitStaff { Id = Guid.CreateVersion7(), VisitPostId = Id, StaffId = r.StaffId, Shift = r.Shift, CalledIn = r.CalledIn });
            }
        }

        Presence = approve && replacement is null ? PostPresence.Empty : PostPresence.Staffed;
        (LeaveReason, LeavingStaffId) = (null, null);
    }

    /// <returns>Whether anything changed.</returns>
    public bool SetPresence(PostPresence presence)
    {
        if (presence == Presence)
        {
            return false;
        }

        (Presence, LeaveReason, LeavingStaffId) = (presence, null, null);
        return true;
    }

    /// <returns>The state now, when it differs from the one last announced.</returns>
    public ReadinessState? Publish(DateTime now)
    {
        var state = StateAt(now);
        if (state == PublishedState)
        {
            return null;
        }

        PublishedState = state;
        return state;
    }
}

/// <summary>A person named for a post of a visit.</summary>
public sealed class VisitStaff
{
    public Guid Id { get; init; }
    public Guid VisitPostId { get; init; }
    public Guid StaffId { get; init; }
    public ShiftKind? Shift { get; init; }

    /// <summary>Off duty at the arrival and called in: due at the post by T-30 (§4.5.4).</summary>
    public bool CalledIn { get; init; }
}

/// <summary>One checklist item of one post of a visit: a copy of the site's template item made when the post joined the visit.</summary>
public sealed class VisitItem : VersionedEntity
{
    /// <summary>How long whoever ticked an item may take it back (a slip of the thumb).</summary>
    public static readonly TimeSpan UndoWindow = TimeSpan.FromMinutes(1);

    private VisitItem()
    {
    }

    public Guid Id { get; private set; }
    public Guid VisitPostId { get; private set; }

    /// <summary>The item's place in the site's template, so a checklist reads in the order the rules give.</summary>
    public int Order { get; private set; }

    public string Key { get; private set; } = "";
    public string Rule { get; private set; } = "";
    public string TextZh { get; private set; } = "";
    public string TextEn { get; private set; } = "";
    public int MinutesBefore { get; private set; }
    public DateTime DueAt { get; private set; }

    /// <summary>The deadline had passed when it was set, so the item is due at once and late only at the arrival.</summary>
    public bool DueNow { get; private set; }

    public DateTime? DoneAt { get; private set; }
    public string? DoneByKind { get; private set; }
    public string? DoneById { get; private set; }
    public string? DoneByRole { get; private set; }
    public bool DoneOnBehalf { get; private set; }

    public static VisitItem From(ChecklistTemplateItem template, Guid visitPostId, DateTime arrival, DateTime setAt)
    {
        var (dueAt, dueNow) = Deadline.For(arrival, template.MinutesBefore, setAt);
        return new VisitItem
        {
            Id = Guid.CreateVersion7(),
            VisitPostId = visitPostId,
            Order = template.Order,
            Key = template.Key,
            Rule = template.Rule,
            TextZh = template.TextZh,
            TextEn = template.TextEn,
            MinutesBefore = template.MinutesBefore,
            DueAt = dueAt,
            DueNow = dueNow,
        };
    }

    public string Text => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? TextZh : TextEn;

    public ItemState StateAt(DateTime now) =>
        DoneAt is not null ? ItemState.Done : now >= DueAt ? ItemState.Late : ItemState.Open;

    internal void Reschedule(DateTime arrival, DateTime now) => (DueAt, DueNow) = Deadline.For(arrival, MinutesBefore, now);

    /// <returns>Whether it was open before.</returns>
    public bool Tick(Client.Contracts.Actor actor, bool onBehalf, DateTime now)
    {
        if (DoneAt is not null)
        {
            return false;
        }

        (DoneAt, DoneByKind, DoneById, DoneByRole, DoneOnBehalf) = (now, actor.Kind, actor.Id, actor.Role, onBehalf);
        Changed();
        return true;
    }

    /// <summary>Opens an item the system ticked again, when what it did is withdrawn (the fountain notice of a moved visit).</summary>
    public void Reopen()
    {
        (DoneAt, DoneByKind, DoneById, DoneByRole, DoneOnBehalf) = (null, null, null, null, false);
        Changed();
    }

    /// <summary>Takes a tick back: only within the undo window, and only by whoever ticked it unless <paramref name="commands"/>.</summary>
    /// <returns>Whether it was done before.</returns>
    public bool Undo(Client.Contracts.Actor actor, bool commands, DateTime now)
    {
        if (DoneAt is not { } doneAt)
        {
            return false;
        }

        if (now - doneAt > UndoWindow)
        {
            throw new ConflictException(ErrorText.Get("ItemUndoTooLate"));
        }

        if (!commands && (actor.Kind != DoneByKind || actor.Id != DoneById))
        {
            throw new ForbiddenException(ErrorText.Get("ItemUndoNotYours"));
        }

        (DoneAt, DoneByKind, DoneById, DoneByRole, DoneOnBehalf) = (null, null, null, null, false);
        Changed();
        return true;
    }
}

/// <summary>Deadline maths, in UTC: the site's zone matters only for reading and showing times.</summary>
public static class Deadline
{
    public static bool IsShortNotice(DateTime arrival, DateTime setAt) => arrival - Visit.ReadyAhead < setAt;

    /// <summary>
    /// An item's deadline: <paramref name="minutesBefore"/> before the arrival, or, when that has already
    /// passed as the deadline is set, the arrival itself, marked due at once rather than late.
    /// </summary>
    public static (DateTime DueAt, bool DueNow) For(DateTime arrival, int minutesBefore, DateTime setAt)
    {
        var due = arrival - TimeSpan.FromMinutes(minutesBefore);
        return due < setAt ? (arrival, true) : (due, false);
    }
}

/// <summary>Readiness is derived, never stored (DOMAIN §2): a problem blocks, done is ready, an open item past its deadline is late.</summary>
public static class Readiness
{
    public static ReadinessState Of(VisitPost post, DateTime now) =>
        post.Problem is not null ? ReadinessState.Blocked
        : post.Items.All(i => i.DoneAt is not null) ? ReadinessState.Ready
        : post.Items.Any(i => i.StateAt(now) == ItemState.Late) ? ReadinessState.Late
        : ReadinessState.Pending;

    public static VisitFigures Figures(Visit visit, DateTime now)
    {
        var states = visit.Posts.Select(p => p.StateAt(now)).ToList();
        return new VisitFigures(
            states.Count,
            states.Count(s => s == ReadinessState.Ready),
            states.Count(s => s == ReadinessState.Pending),
            states.Count(s => s == ReadinessState.Late),
            states.Count(s => s == ReadinessState.Blocked),
            visit.Posts.Sum(p => p.Items.Count(i => i.DoneAt is null)));
    }

    /// <summary>Ready when every post is ready and the manager has acknowledged the foreman's report (DOMAIN §2).</summary>
    public static VisitPhase Phase(Visit visit, DateTime now) => visit.Status switch
    {
        VisitStatus.InProgress => VisitPhase.InProgress,
        VisitStatus.Ended => VisitPhase.Ended,
        VisitStatus.Cancelled => VisitPhase.Cancelled,
        _ => visit.ReportAcknowledgedAt is not null && visit.Posts.All(p => p.StateAt(now) == ReadinessState.Ready)
            ? VisitPhase.Ready
            : VisitPhase.Preparing,
    };
}

public sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> builder)
    {
        builder.Property(v => v.Title).HasMaxLength(Visit.TitleMaxLength);
        builder.Property(v => v.Host).HasMaxLength(Validation.NameMaxLength);
        builder.Property(v => v.Notes).HasMaxLength(Visit.NotesMaxLength);
        builder.Property(v => v.CancelReason).HasMaxLength(Visit.ReasonMaxLength);
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(v => v.Version).IsConcurrencyToken();
        builder.Ignore(v => v.ReadyBy);
        builder.HasIndex(v => new { v.SiteId, v.Arrival });
        builder.HasOne<Site>().WithMany().HasForeignKey(v => v.SiteId);
        builder.HasMany(v => v.Posts).WithOne().HasForeignKey(p => p.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Orders).WithOne().HasForeignKey(o => o.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Violations).WithOne().HasForeignKey(o => o.VisitId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(v => v.Notices).WithOne().HasForeignKey(o => o.VisitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VisitPostConfiguration : IEntityTypeConfiguration<VisitPost>
{
    public void Configure(EntityTypeBuilder<VisitPost> builder)
    {
        builder.ToTable("VisitPosts");
        // Ids are made in the entity, so EF must not take a new post found in a tracked visit for an existing one.
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Problem).HasMaxLength(Visit.ReasonMaxLength);
        builder.Property(p => p.PublishedState).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Presence).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.LeaveReason).HasMaxLength(Visit.ReasonMaxLength);
        builder.HasIndex(p => new { p.VisitId, p.PostId }).IsUnique();
        builder.HasOne<Post>().WithMany().HasForeignKey(p => p.PostId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Items).WithOne().HasForeignKey(i => i.VisitPostId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Staff).WithOne().HasForeignKey(s => s.VisitPostId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VisitStaffConfiguration : IEntityTypeConfiguration<VisitStaff>
{
    public void Configure(EntityTypeBuilder<VisitStaff> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Shift).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(s => new { s.VisitPostId, s.StaffId }).IsUnique();
        builder.HasOne<Staff.StaffMember>().WithMany().HasForeignKey(s => s.StaffId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class VisitItemConfiguration : IEntityTypeConfiguration<VisitItem>
{
    public void Configure(EntityTypeBuilder<VisitItem> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Key).HasMaxLength(ChecklistTemplateItem.KeyMaxLength);
        builder.Property(i => i.Rule).HasMaxLength(ChecklistTemplateItem.RuleMaxLength);
        builder.Property(i => i.TextZh).HasMaxLength(ChecklistTemplateItem.TextMaxLength);
        builder.Property(i => i.TextEn).HasMaxLength(ChecklistTemplateItem.TextMaxLength);
        builder.Property(i => i.DoneByKind).HasMaxLength(16);
        builder.Property(i => i.DoneById).HasMaxLength(64);
        builder.Property(i => i.DoneByRole).HasMaxLength(32);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.Ignore(i => i.Text);
    }
}
