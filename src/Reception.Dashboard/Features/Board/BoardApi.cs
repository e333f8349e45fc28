namespace Reception.Dashboard.Features.Board;

public static class BoardApi
{
    public static RouteGroupBuilder MapBoardApi(this RouteGroupBuilder site)
    {
        site.MapGet("/snapshot", (Guid siteId, BoardSnapshots snapshots, CancellationToken ct) => snapshots.GetAsync(siteId, ct))
            .WithTags("Board")
            .WithSummary("The board's state and the sequence number it reflects; apply only events after it.");
        return site;
    }
}
