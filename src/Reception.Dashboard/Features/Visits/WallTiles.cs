using Microsoft.Extensions.Localization;

namespace Reception.Dashboard.Features.Visits;

/// <summary>One line under a visit on the wall: a post or a violation that needs the command room.</summary>
public sealed record WallLine(string Css, string Text);

/// <summary>
/// What the wall shows of its visits. The screen has room for a fixed number of tiles and lines (the
/// type is sized to the screen's height, so the same counts fit 1920×1080 and 1280×720): the most
/// urgent come first and the rest are counted in a "+N more" line, never pushed off the bottom.
/// </summary>
public static class WallTiles
{
    public const int MaxVisits = 2;

    // Five, not six, since the front desk's row of tiles stands above the visits (the budget is in wall.css).
    public const int MaxLines = 5;

    /// <summary>Open visits, those under way first, then the soonest to arrive.</summary>
    public static IReadOnlyList<VisitDetailDto> Open(IEnumerable<VisitDetailDto> visits) =>
        visits.Where(v => v.Visit.Status is VisitStatus.Planned or VisitStatus.InProgress)
            .OrderBy(v => v.Visit.Status == VisitStatus.InProgress ? 0 : 1)
            .ThenBy(v => v.Visit.Arrival)
            .ToList();

    /// <summary>Blocked posts, empty posts, open violations, then late posts: the order a foreman acts in.</summary>
    public static IReadOnlyList<WallLine> Lines(VisitDetailDto detail, IStringLocalizer<VisitText> v)
    {
        var lines = new List<WallLine>();
        lines.AddRange(detail.Posts.Where(p => p.State == ReadinessState.Blocked).OrderBy(p => p.RouteOrder)
            .Select(p => new WallLine("wall-alert-blocked", $"{v["Readiness.Blocked"]}: {p.Name}{(p.Problem is null ? "" : $" — {p.Problem}")}")));
        lines.AddRange(detail.Posts.Where(p => p.Presence == PostPresence.Empty).OrderBy(p => p.RouteOrder)
            .Select(p => new WallLine("wall-alert-blocked", $"{v["Presence.Empty"]}: {p.Name}")));
        lines.AddRange(detail.Violations.Where(x => x.ClearedAt is null)
            .Select(x => new WallLine("wall-alert-late", $"{v[$"ViolationKind.{x.Kind}"]}: {Place(detail, x, v)} — {x.Description}")));
        lines.AddRange(detail.Posts.Where(p => p.State == ReadinessState.Late).OrderBy(p => p.RouteOrder)
            .Select(p => new WallLine("wall-alert-late", $"{v["Readiness.Late"]}: {p.Name}")));
        return lines;
    }

    /// <summary>The first items that fit in <paramref name="room"/> slots, keeping the last slot for the count of the rest.</summary>
    public static (IReadOnlyList<T> Shown, int More) Fit<T>(IReadOnlyList<T> items, int room) =>
        items.Count <= room ? (items, 0) : (items.Take(room - 1).ToList(), items.Count - (room - 1));

    private static string Place(VisitDetailDto detail, ViolationDto violation, IStringLocalizer<VisitText> v) =>
        (violation.PostId is { } id ? detail.Posts.FirstOrDefault(p => p.PostId == id)?.Name : violation.Location) ?? v["OnTheGrounds"];
}
