using Reception.Dashboard.Infrastructure.Csv;

namespace Reception.Dashboard.Features.Incidents;

public static class IncidentsApi
{
    public static RouteGroupBuilder MapIncidentsApi(this RouteGroupBuilder site)
    {
        var incidents = site.MapGroup("/incidents").WithTags("Incidents");

        // States, kinds and overdue come as text, so an unknown one is a 422 naming the field rather than the binder's 400.
        incidents.MapGet("/", ([AsParameters] SiteCall call, string? state, string? kind, DateOnly? from, DateOnly? to, string? search, bool? openOnly,
                string? overdue, IncidentQueries queries) =>
                queries.ListAsync(call, IncidentQueries.FilterFromQuery(state, kind, from, to, search, openOnly, overdue)))
            .WithSummary("Lobby incidents, newest first (at most 500): a Department sees only those forwarded to its department. "
                + "Filters: state, kind, from and to (days in the site's time zone), search (unit number or text), openOnly, "
                + "overdue (true: those not yet resolved past the site's time limit to forward or to resolve them).")
            .RequireSitePermission(Permission.ViewIncidents);

        incidents.MapPost("/", async ([AsParameters] SiteCall call, RaiseIncident request, IncidentRaising raising) =>
        {
            var incident = await raising.RaiseAsync(call, request);
            return TypedResults.CreatedAtRoute(incident, "GetIncident", new { siteId = call.SiteId, incidentId = incident.Id });
        })
            .WithSummary("Raises an incident at the desk (desk §0.1); priority defaults to normal.")
            .RequireSitePermission(Permission.RaiseIncidents);

        incidents.MapGet("/promises/due", ([AsParameters] SiteCall call, int? withinMinutes, PromiseQueries promises) =>
                promises.DueAsync(call, PromiseQueries.WindowFromQuery(withinMinutes)))
            .WithSummary("Promises not yet kept that are overdue or due within withinMinutes (60 if not given, at most a day), soonest first (desk §4.3).")
            .RequireSitePermission(Permission.RaiseIncidents);

        incidents.MapGet("/export", async ([AsParameters] SiteCall call, DateOnly? from, DateOnly? to, IncidentExport export) =>
        {
            var (first, last) = IncidentExport.RangeFromQuery(from, to);
            return CsvFile.Download(await export.CsvAsync(call, first, last), IncidentExport.FileName(first, last));
        })
            .WithSummary("The desk's paper log: the incidents raised from one day to another (days in the site's time zone, at most 92), "
                + "oldest first, as CSV with the people's names (desk §2.8: for the desk and those above it).")
            .RequireSitePermission(Permission.SeeIncidentPeople);

        // The person an escalation went to may hold no incident permission: the use case decides, per escalation.
        incidents.MapGet("/escalations", ([AsParameters] SiteCall call, bool? openOnly, EscalationInbox inbox) =>
                inbox.ListAsync(call, openOnly ?? true))
            .WithSummary("The supervisor's inbox, newest first: escalations not yet acknowledged (openOnly=false: all), each with its incident. "
                + "Supervisors, managers and admins read every one; anyone else those that went to them.")
            .RequireSitePermission(Permission.ViewBoard);

        incidents.MapGet("/limits", ([AsParameters] SiteCall call, IncidentTimeLimits limits) => limits.GetAsync(call))
            .WithSummary("The site's time limits for every kind and priority, in minutes from when an incident was raised or reopened: "
                + "forwardWithinMinutes and resolveWithinMinutes; the defaults where the site set none.")
            .RequireSitePermission(Permission.ViewIncidents);

        incidents.MapPut("/limits", ([AsParameters] SiteCall call, SetIncidentTimeLimits request, IncidentTimeLimits limits) => limits.SetAsync(call, request))
            .WithSummary("Sets the site's time limits: each kind and priority at most once, 1 to 1440 minutes, resolving no sooner than forwarding; "
                + "those not named take the defaults. Clocks not yet run out move to the new limits.")
            .RequireSitePermission(Permission.ManageIncidentLimits);

        incidents.MapGet("/figures", ([AsParameters] SiteCall call, FrontDeskFigures figures) => figures.GetAsync(call))
            .WithSummary("The front desk's figures for the wall: open, overdue (incidents past a time limit and promises past their time), "
                + "open incidents with an escalation not yet acknowledged, and when the oldest open incident was raised. Counts only (desk §2.8).")
            .RequireSitePermission(Permission.ViewBoard);

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

        incident.MapGet("/promises", ([AsParameters] SiteCall call, Guid incidentId, PromiseQueries promises) =>
                promises.ForIncidentAsync(call, incidentId))
            .WithSummary("The promises made on the incident (desk §4.3), by when they are due.")
            .RequireSitePermission(Permission.RaiseIncidents);

        incident.MapPost("/promises", ([AsParameters] SiteCall call, Guid incidentId, MakePromise request, PromiseMaking promises) =>
                promises.MakeAsync(call, incidentId, request))
            .WithSummary("Promises the person a reply by a time (desk §4.3): what, and dueAt (a time without an offset is the site's); "
                + "not on a closed incident.")
            .RequireSitePermission(Permission.RaiseIncidents);

        incident.MapPost("/promises/{promiseId:guid}/keep", ([AsParameters] SiteCall call, Guid incidentId, Guid promiseId, PromiseKeeping promises) =>
                promises.KeepAsync(call, incidentId, promiseId))
            .WithSummary("Marks the promise kept, on time or late; keeping it again answers the same, a broken one is refused.")
            .RequireSitePermission(Permission.RaiseIncidents);

        incident.MapPost("/escalate", ([AsParameters] SiteCall call, Guid incidentId, EscalateIncident request, IncidentEscalating escalating) =>
                escalating.EscalateAsync(call, incidentId, request))
            .WithSummary("Sends the incident up at once: a complaint to the desk's shift lead, else the supervisor on duty (desk §2.7); "
                + "a lobby situation to the supervisor on duty or the managers (desk §2.9); another kind to the supervisor on duty. "
                + "409 when it is resolved or closed, or an earlier escalation of it is not yet acknowledged.")
            .RequireSitePermission(Permission.RaiseIncidents);

        incident.MapGet("/escalations", ([AsParameters] SiteCall call, Guid incidentId, IncidentEscalations escalations) =>
                escalations.ForIncidentAsync(call, incidentId))
            .WithSummary("The incident's escalations, oldest first.")
            .RequireSitePermission(Permission.ViewIncidents);

        incident.MapPost("/escalations/{escalationId:guid}/acknowledge",
                ([AsParameters] SiteCall call, Guid incidentId, Guid escalationId, EscalationAcknowledging acknowledging) =>
                    acknowledging.AcknowledgeAsync(call, incidentId, escalationId))
            .WithSummary("Acknowledges an escalation, which stops the board's sound: by a person it went to, or any supervisor, manager or admin; "
                + "again answers the same.")
            .RequireSitePermission(Permission.ViewBoard);

        return site;
    }
}
