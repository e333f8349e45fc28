namespace Reception.Dashboard.Features.Visits;

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
            throw new ConflictException(VisitText.Get("PostAlreadyEmpty"));
        }

        if (Presence == PostPresence.LeaveRequested && LeavingStaffId != staffId)
        {
            throw new ConflictException(VisitText.Get("LeaveAlreadyAsked"));
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
            throw new ConflictException(VisitText.Get("NoLeaveRequest"));
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
