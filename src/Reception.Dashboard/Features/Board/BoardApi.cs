using System.Security.Claims;
using Reception.Dashboard.Features.Accounts;

namespace Reception.Dashboard.Features.Board;

public static class BoardApi
{
    public static RouteGroupBuilder MapBoardApi(this RouteGroupBuilder site)
    {
        site.MapGet("/snapshot", (ClaimsPrincipal user, Guid siteId, BoardSnapshots snapshots, CancellationToken ct) => snapshots.GetAsync(user, siteId, ct))
            .WithTags("Board")
            .WithSummary("The board's state and the sequence number it reflects; apply only events after it.")
            .RequireSitePermission(Permission.ViewBoard);
        return site;
    }
}
