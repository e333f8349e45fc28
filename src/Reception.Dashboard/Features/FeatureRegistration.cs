using Reception.Dashboard.Features.Board;
using Reception.Dashboard.Features.Departments;
using Reception.Dashboard.Features.Devices;
using Reception.Dashboard.Features.Incidents;
using Reception.Dashboard.Features.Posts;
using Reception.Dashboard.Features.Roster;
using Reception.Dashboard.Features.Shifts;
using Reception.Dashboard.Features.Staff;
using Reception.Dashboard.Features.Units;
using Reception.Dashboard.Features.Visits;
using Reception.Dashboard.Infrastructure.Outbound;
using Reception.Dashboard.Infrastructure.Scheduling;

namespace Reception.Dashboard.Features;

public static class FeatureRegistration
{
    /// <summary>Feature services hold no state of their own and open a context per call, so circuits and requests share them.</summary>
    public static IServiceCollection AddFeatures(this IServiceCollection services)
    {
        services.AddSingleton<SiteService>();
        services.AddSingleton<PostService>();
        services.AddSingleton<ShiftService>();
        services.AddSingleton<DepartmentService>();
        services.AddSingleton<StaffService>();
        services.AddSingleton<BoardSnapshots>();
        services.AddTransient<LiveSite>();
        services.AddSingleton<RosterService>();
        services.AddSingleton<UnitService>();
        services.AddOptions<VisitOptions>().BindConfiguration(VisitOptions.Section);
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section);
        services.AddSingleton<WebhookUrls>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName);
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        services.AddSingleton<Outbox>();
        services.AddSingleton<VisitWrites>();
        services.AddSingleton<DeadlineArming>();
        services.AddSingleton<VisitQueries>();
        services.AddSingleton<VisitAnnouncing>();
        services.AddSingleton<VisitLifecycle>();
        services.AddSingleton<VisitPlanning>();
        services.AddSingleton<PostDuty>();
        services.AddSingleton<PostAttendance>();
        services.AddSingleton<Orders>();
        services.AddSingleton<Violations>();
        services.AddSingleton<Notices>();
        services.AddSingleton<ForemanReport>();
        services.AddSingleton<ChecklistTemplateService>();
        services.AddSingleton<VisitArchive>();
        services.AddSingleton<IncidentWrites>();
        services.AddSingleton<IncidentQueries>();
        services.AddSingleton<IncidentRaising>();
        services.AddSingleton<IncidentForwarding>();
        services.AddSingleton<IncidentTaking>();
        services.AddSingleton<IncidentResolving>();
        services.AddSingleton<IncidentClosing>();
        services.AddSingleton<IncidentReopening>();
        services.AddSingleton<IncidentClockArming>();
        services.AddSingleton<IDueJobHandler, IncidentDeadlines>();
        services.AddSingleton<IncidentEscalating>();
        services.AddSingleton<EscalationAcknowledging>();
        services.AddSingleton<EscalationInbox>();
        services.AddSingleton<IncidentEscalations>();
        services.AddSingleton<IncidentTimeLimits>();
        services.AddSingleton<FrontDeskFigures>();
        services.AddSingleton<PromiseMaking>();
        services.AddSingleton<PromiseKeeping>();
        services.AddSingleton<PromiseQueries>();
        services.AddSingleton<IDueJobHandler, PromiseDeadlines>();
        services.AddSingleton<IncidentExport>();
        services.AddSingleton<IDueJobHandler, VisitDeadlines>();
        services.AddSingleton<DueScheduler>();
        // Before the scheduler starts: the demo's incidents move to their ages and their clocks with them, so clocks
        // that ran out while the demo was down do not fire before the demo has moved them.
        services.AddHostedService<Data.DemoIncidents>();
        services.AddHostedService(sp => sp.GetRequiredService<DueScheduler>());
        services.AddHostedService<Data.DemoVisit>();
        services.AddHostedService<Housekeeping>();
        return services;
    }

    public static WebApplication MapFeatureApis(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapAccountsApi();
        api.MapUsersApi();
        api.MapSitesApi();
        api.MapPhoneApi();

        api.MapGroup("/sites/{siteId:guid}")
            .MapBoardApi()
            .MapEventsApi()
            .MapPostsApi()
            .MapShiftsApi()
            .MapDepartmentsApi()
            .MapStaffApi()
            .MapRosterApi()
            .MapUnitsApi()
            .MapDevicesApi()
            .MapVisitsApi()
            .MapIncidentsApi()
            .MapSiteRolesApi();

        return app;
    }
}
