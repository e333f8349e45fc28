namespace Reception.Dashboard.Features.Incidents;

public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder site)
    {
        var incidents = site.MapGroup("/incidents").WithTags("Incidents");

        // States and kinds come as text, so an unknown one is a 422 naming the field rather than the binder's 400.
        incidents.MapGet("/", ([AsParameters] SiteCall call, string? state, string? kind, DateOnly? from, DateOnly? to, string? search, bool? openOnly,
                IncidentQueries queries) =>
                queries.ListAsync(call, IncidentQueries.FilterFromQuery(state, kind, from, to, search, openOnly)))
            .WithSummary("Lobby incidents, newest first (at most 500): a Department sees only those forwarded to its department. "
                + "Filters: state, kind, from and to (days in the site's time zone), search (unit number or text), openOnly.")
            .RequireSitePermission(Permission.ViewIncidents);

        incidents.MapPost("/", async ([AsParameters] SiteCall call, RaiseIncident request, IncidentRaising raising) =>
        {
            var incident = await raising.RaiseAsync(call, request);
            return TypedResults.CreatedAtRoute(incident, "GetIncident", new { siteId = call.SiteId, incidentId = incident.Id });
        })
            .WithSummary("Raises an incident at the desk (desk §0.1); priority defaults to normal.")
            .RequireSitePermission(Permission.RaiseIncidents);

        var incident = incidents.MapGroup("/{incidentId:guid}");

        incident.MapGet("/", ([AsParameters] SiteCall call, Guid incidentId, IncidentQueries queries) => queries.GetAsync(call, incidentId))
            .WithName("GetIncident")
            .RequireSitePermission(Permission.ViewIncidents);

        incident.MapPost("/forward", ([AsParameters] SiteCall call, Guid incidentId, ForwardIncident request, IncidentForwarding forwarding) =>
                forwarding.ForwardAsync(call, incidentId, request))
            .WithSummary("Forwards an open incident to a department (desk §0.1, §4.5), or one not yet taken on to another.")
            .RequireSitePermission(Permission.RaiseIncidents);

        incident.MapPost("/take", ([AsParameters] SiteCall call, Guid incidentId, TakeIncident request, IncidentTaking taking) =>
                taking.TakeAsync(call, incidentId, request))
            .WithSummary("The department it was forwarded to takes it.")
            .RequireSitePermission(Permission.HandleForwardedIncidents);

        incident.MapPost("/resolve", ([AsParameters] SiteCall call, Guid incidentId, ResolveIncident request, IncidentResolving resolving) =>
                resolving.ResolveAsync(call, incidentId, request))
            .WithSummary("Resolves an open incident at the desk (a note is optional), or a taken one in its department (what was done is required).")
            .RequireSitePermission(Permission.ViewIncidents);

        incident.MapPost("/close", ([AsParameters] SiteCall call, Guid incidentId, CloseIncident request, IncidentClosing closing) =>
                closing.CloseAsync(call, incidentId, request))
            .WithSummary("The desk closes a resolved incident once it has told the person.")
            .RequireSitePermission(Permission.RaiseIncidents);

        incident.MapPost("/reopen", ([AsParameters] SiteCall call, Guid incidentId, ReopenIncident request, IncidentReopening reopening) =>
                reopening.ReopenAsync(call, incidentId, request))
            .WithSummary("Reopens a resolved or closed incident, with a reason.")
            .RequireSitePermission(Permission.RaiseIncidents);

        return site;
    }
}
