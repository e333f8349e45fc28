namespace Reception.Dashboard.Features.Board;

public static class BoardApi
{
    public static RouteGroupBuilder MapBoardApi(this RouteGroupBuilder site)
    {
        site.MapGet("/snapshot", ([AsParameters] SiteCall call, BoardSnapshots snapshots) => snapshots.GetAsync(call))
            .WithTags("Board")
            .WithSummary("The board's state and the sequence number it reflects; apply only events after it.")
            .RequireSitePermission(Permission.ViewBoard);
        return site;
    }
}
