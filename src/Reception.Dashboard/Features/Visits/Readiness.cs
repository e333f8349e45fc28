namespace Reception.Dashboard.Features.Visits;

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
